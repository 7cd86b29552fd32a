import type { Lab } from '../content/types.js';
import { factType } from '../checks/facts/registry.js';
import { factKey, type FactRequest } from '../checks/facts/requests.js';
import { kindByName } from '../checks/kinds/index.js';
import type { AnyKind } from '../checks/types.js';
import type { Workspace } from '../workspace.js';
import type { Trigger } from './trigger.js';

/** What a watch session knows about one check: which facts it reads and what makes it stale. */
export interface PlannedCheck {
  id: string;
  exercise: string;
  /** Fact keys it reads (an exercise's fingerprint is made of its checks' facts). */
  keys: string[];
  /** Reads files of the workspace: re-run when one is saved. */
  files: boolean;
  /** Reads the engine: re-run when one of the lab's objects changes. */
  engine: boolean;
  /** Builds an image or starts a throwaway container: re-run on demand or when `inputs` changed. */
  probe: boolean;
  /** The cheap facts that decide whether a probe's last verdict still holds. */
  inputs: FactRequest[];
}

/** The same planning as the runner's (kind, params, service), without collecting anything. */
export function planChecks(lab: Lab, ws: Workspace): PlannedCheck[] {
  return lab.checks.map((def) => {
    const kind = kindByName.get(def.kind) as AnyKind;
    const service = ws.services[def.service ?? lab.meta.targets.services[0] ?? 'api-service'];
    // The runner turns an unknown service into a usage error; here it just reads nothing.
    const requests: FactRequest[] = service ? kind.needs({ lab: lab.meta.id, workspace: ws, service }, kind.params.parse(def.params ?? {})) : [];
    const costly = requests.filter((r) => factType(r).probeInputs);
    const inputs = new Map<string, FactRequest>();
    for (const r of requests) if (!factType(r).probeInputs) inputs.set(factKey(r), r);
    for (const r of costly) for (const i of factType(r).probeInputs!(r) as FactRequest[]) inputs.set(factKey(i), i);
    return {
      id: def.id,
      exercise: def.exercise,
      keys: [...new Set(requests.map(factKey))],
      files: requests.some((r) => !factType(r).engine),
      engine: requests.some((r) => factType(r).engine),
      probe: costly.length > 0,
      inputs: [...inputs.values()],
    };
  });
}

export interface Selection {
  /** Cheap checks to run now. */
  quick: string[];
  /** Probes to run whatever their inputs say (first run, or the student asked). */
  probesForced: string[];
  /** Probes to run only when their inputs changed since their last verdict. */
  probesIfChanged: string[];
}

/**
 * Which checks a trigger makes stale: a saved file re-runs the checks that read files, an engine
 * event the ones that read the engine (a check reading both re-runs on either). Probes never run
 * just because something happened: only when forced, or when their own inputs changed.
 */
export function selectChecks(plan: PlannedCheck[], t: Trigger): Selection {
  const everything = t.initial || t.config || t.probes;
  const quick = plan.filter((c) => !c.probe && (everything || (t.files.length > 0 && c.files) || (t.engine.length > 0 && c.engine)));
  const probes = plan.filter((c) => c.probe);
  const forced = t.initial || t.probes;
  return {
    quick: quick.map((c) => c.id),
    probesForced: forced ? probes.map((c) => c.id) : [],
    probesIfChanged: forced ? [] : probes.map((c) => c.id),
  };
}
