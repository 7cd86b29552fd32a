import type { Lab } from '../content/types.js';
import { usageError, type DojoError } from '../errors.js';
import type { Workspace } from '../workspace.js';
import { collectFacts } from './facts/collect.js';
import { factKey, type FactRequest } from './facts/requests.js';
import { FactUnavailable } from './facts/store.js';
import { kindByName } from './kinds/index.js';
import { gatherSecrets } from './redact.js';
import type { AnyKind, CheckStatus, CheckTarget, Finding, PromptApi } from './types.js';

export interface CheckOutcome {
  id: string;
  exercise: string;
  kind: string;
  title: string;
  service: string;
  status: CheckStatus;
  summary: string;
  evidence: string[];
  question: string | null;
  mistake: string | null;
  durationMs: number;
}

export interface RunReport {
  lab: string;
  title: string;
  workspace: string;
  passed: boolean;
  exercises: { id: string; passed: boolean; status: 'pass' | 'fail' | 'skip' }[];
  checks: CheckOutcome[];
  engine: { reachable: boolean; endpoint?: string; version?: string; message?: string };
}

export interface RunOutput {
  report: RunReport;
  /** Values to redact from every output of this run. */
  secrets: string[];
  engineError?: DojoError;
}

export interface RunOptions {
  only?: string[];
  skip?: string[];
  /** When set, interactive kinds ask through it; otherwise they are skipped. */
  prompt?: PromptApi;
}

export async function runChecks(lab: Lab, ws: Workspace, opts: RunOptions): Promise<RunOutput> {
  const known = new Set(lab.checks.map((c) => c.id));
  for (const id of [...(opts.only ?? []), ...(opts.skip ?? [])]) {
    if (!known.has(id)) throw usageError(`${lab.meta.id} has no check "${id}"`, `Its checks: ${[...known].join(', ')}.`);
  }
  const planned = lab.checks.map((def) => {
    const kind = kindByName.get(def.kind) as AnyKind;
    const serviceName = def.service ?? lab.meta.targets.services[0] ?? 'api-service';
    const target: CheckTarget = { lab: lab.meta.id, workspace: ws, service: ws.services[serviceName]! };
    const params = kind.params.parse(def.params ?? {});
    const selected = (!opts.only?.length || opts.only.includes(def.id)) && !opts.skip?.includes(def.id);
    const interactive = Boolean(kind.interact && opts.prompt);
    const requests: FactRequest[] = selected && !interactive ? kind.needs(target, params) : [];
    return { def, kind, target, params, selected, interactive, requests };
  });

  const collected = await collectFacts(planned.flatMap((p) => p.requests), ws.dir);
  const checks: CheckOutcome[] = [];
  for (const p of planned) {
    const started = Date.now();
    let finding: Finding;
    if (!p.selected) finding = { status: 'skip', summary: 'skipped: not selected (--only/--skip)' };
    else if (p.interactive) finding = await p.kind.interact!(p.target, p.params, opts.prompt!);
    else finding = evaluate(p.kind, collected.facts, p.target, p.params);
    const waited = Math.max(0, ...p.requests.map((r) => collected.readyAt.get(factKey(r)) ?? 0));
    const mistake = finding.status === 'fail' ? lab.hints.mistakes.find((m) => m.id === p.def.mistake) : undefined;
    checks.push({
      id: p.def.id,
      exercise: p.def.exercise,
      kind: p.def.kind,
      title: p.def.title,
      service: p.target.service.name,
      status: finding.status,
      summary: finding.summary,
      evidence: finding.evidence ?? [],
      question: mistake?.question ?? null,
      mistake: mistake?.id ?? null,
      durationMs: waited + (Date.now() - started),
    });
  }
  const exercises = lab.meta.exercises.map((e) => {
    const mine = checks.filter((c) => c.exercise === e.id);
    const bad = mine.some((c) => c.status === 'fail' || c.status === 'error');
    const status = bad ? 'fail' : mine.some((c) => c.status === 'pass') ? 'pass' : 'skip';
    return { id: e.id, passed: status === 'pass', status } as const;
  });
  const { reachable, endpoint, version, error } = collected.engine;
  const report: RunReport = {
    lab: lab.meta.id,
    title: lab.meta.title,
    workspace: ws.dir,
    passed: !checks.some((c) => c.status === 'fail' || c.status === 'error'),
    exercises,
    checks,
    engine: { reachable, endpoint, version, message: error?.message },
  };
  const requests = planned.flatMap((p) => p.requests);
  const dotenvDirs = [ws.dir, ...new Set(planned.map((p) => p.target.service.context))];
  return { report, secrets: gatherSecrets(requests, collected.facts, dotenvDirs), engineError: error };
}

function evaluate(kind: AnyKind, facts: Parameters<AnyKind['evaluate']>[0], target: CheckTarget, params: unknown): Finding {
  try {
    return kind.evaluate(facts, target, params);
  } catch (err) {
    if (err instanceof FactUnavailable) return { status: 'error', summary: err.message, evidence: err.evidence };
    return { status: 'error', summary: `internal error in check kind ${kind.name}: ${(err as Error).message}` };
  }
}
