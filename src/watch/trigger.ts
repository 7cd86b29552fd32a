/** Why a watch session runs checks; triggers that arrive during a debounce or a run are merged. */
export interface Trigger {
  /** The session's first run: everything, probes included. */
  initial: boolean;
  /** dojo.yaml changed: the workspace is loaded again and every cheap check re-runs. */
  config: boolean;
  /** The student asked for a full re-run, slow probes included. */
  probes: boolean;
  /** Workspace-relative files that were saved. */
  files: string[];
  /** What changed in the engine, e.g. "container api-service: stop". */
  engine: string[];
}

export const NO_TRIGGER: Trigger = { initial: false, config: false, probes: false, files: [], engine: [] };

export const trigger = (t: Partial<Trigger>): Trigger => ({ ...NO_TRIGGER, ...t });

export function mergeTriggers(a: Trigger | null, b: Trigger | null): Trigger | null {
  if (!a || !b) return a ?? b;
  return {
    initial: a.initial || b.initial,
    config: a.config || b.config,
    probes: a.probes || b.probes,
    files: [...new Set([...a.files, ...b.files])],
    engine: [...new Set([...a.engine, ...b.engine])],
  };
}

/** One line for the view: what set this run off. */
export function describeTrigger(t: Trigger): string {
  const parts: string[] = [];
  if (t.initial) parts.push('first run');
  if (t.probes) parts.push('you asked for a full re-run');
  if (t.config) parts.push('dojo.yaml changed');
  if (t.files.length) parts.push(`saved: ${shortList(t.files)}`);
  if (t.engine.length) parts.push(`engine: ${shortList(t.engine)}`);
  return parts.join('; ') || 'nothing';
}

const shortList = (xs: string[], max = 3): string => (xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`);
