import type { CheckDef, Lab } from '../content/types.js';
import type { ScenariosFile } from '../scenarios/schema.js';
import type { ScenarioFix } from './setup.js';

/** The scenarios' names (containers, networks, the image) → this run's throwaway names. */
export interface ScenarioNames { names: Record<string, string>; image: string }

export function scenarioNames(file: ScenariosFile, own: (name: string) => string, image: string): ScenarioNames {
  const all = [...file.networks, ...file.scenarios.flatMap((s) => s.containers.map((c) => c.name))];
  return { names: Object.fromEntries(all.map((n) => [n, own(n)])), image };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A value that names another scenario container (a host to dial, in a URL too) names its throwaway twin. */
function renameIn(value: string, names: Record<string, string>): string {
  return Object.entries(names).reduce((v, [from, to]) => v.replace(new RegExp(`(?<![\\w.-])${escape(from)}(?![\\w.-])`, 'g'), to), value);
}

/**
 * The scenarios file as this run starts it: every object under its throwaway name, and each
 * container the setup fixes run with its fix (its variables added, its network or memory replaced).
 */
export function scenariosForRun(file: ScenariosFile, n: ScenarioNames, fixes: Record<string, ScenarioFix>): ScenariosFile {
  return {
    ...file,
    image: n.image,
    networks: file.networks.map((x) => n.names[x]!),
    scenarios: file.scenarios.map((s) => ({
      ...s,
      containers: s.containers.map((c) => {
        const fix = fixes[c.name];
        const env = Object.fromEntries(Object.entries({ ...c.env, ...fix?.env }).map(([k, v]) => [k, renameIn(v, n.names)]));
        const network = fix?.network ?? c.network;
        const memory = fix?.memory ?? c.memory;
        return { ...c, name: n.names[c.name]!, env, ...(network ? { network: n.names[network]! } : {}), ...(memory ? { memory } : {}) };
      }),
    })),
  };
}

/**
 * The lab's checks with every scenario check pointed at the throwaway twins: never at the
 * containers of the same names a student may be running (`dojo lab start`).
 */
export function checksForRun(lab: Lab, file: ScenariosFile, n: ScenarioNames): Lab {
  const rename = (c: CheckDef): CheckDef => {
    const p = (c.params ?? {}) as { container?: unknown; image?: unknown };
    if (c.kind !== 'scenario-fixed' || typeof p.container !== 'string' || !n.names[p.container]) return c;
    return { ...c, params: { ...p, container: n.names[p.container], ...(p.image === file.image ? { image: n.image } : {}), lab: lab.meta.id } };
  };
  return { ...lab, checks: lab.checks.map(rename) };
}
