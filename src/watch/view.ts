import type { CheckOutcome, RunEvent } from '../checks/runner.js';
import type { HintResult } from '../commands/hint.js';
import type { CheckStatus } from '../checks/types.js';
import type { Lab } from '../content/types.js';
import type { PlannedCheck } from './plan.js';

export interface CheckRow {
  id: string;
  exercise: string;
  title: string;
  probe: boolean;
  /** The last verdict; null before the first one. */
  outcome: CheckOutcome | null;
  /** When the last verdict came, in ms since the epoch. */
  at: number | null;
  running: boolean;
}

export type EngineLink = 'connecting' | 'connected' | 'reconnecting' | 'unreachable';

/** Everything the live view shows; built from events by `reduce`, drawn by render/watch.ts. */
export interface WatchView {
  lab: string;
  title: string;
  workspace: string;
  watching: string[];
  rows: CheckRow[];
  engine: { link: EngineLink; detail: string | null };
  /** The current (or last) run: what set it off and how it went. */
  run: { trigger: string; startedAt: number; finishedAt: number | null; cancelled: boolean } | null;
  /** Verdicts that changed in the last run, e.g. "layer-order ✗ → ✓". */
  changes: { id: string; from: CheckStatus | null; to: CheckStatus }[];
  attempts: string[];
  /** The hint key's answer (the ladder's next rung, or why there is none). */
  hint: { result: HintResult } | { message: string } | null;
  notices: string[];
  runs: number;
}

export type ViewEvent =
  | RunEvent
  | { type: 'cycle-started'; trigger: string; at: number }
  | { type: 'cycle-ended'; at: number; cancelled: boolean }
  | { type: 'attempts'; lines: string[] }
  | { type: 'engine'; link: EngineLink; detail?: string }
  | { type: 'hint'; hint: WatchView['hint'] }
  | { type: 'notice'; text: string }
  | { type: 'replanned'; plan: PlannedCheck[]; watching: string[] };

export function initialView(lab: Lab, workspace: string, plan: PlannedCheck[], watching: string[]): WatchView {
  return {
    lab: lab.meta.id,
    title: lab.meta.title,
    workspace,
    watching,
    rows: rowsOf(lab, plan, []),
    engine: { link: 'connecting', detail: null },
    run: null,
    changes: [],
    attempts: [],
    hint: null,
    notices: [],
    runs: 0,
  };
}

const rowsOf = (lab: Lab, plan: PlannedCheck[], old: CheckRow[]): CheckRow[] =>
  lab.checks.map((c) => {
    const prior = old.find((r) => r.id === c.id);
    return { id: c.id, exercise: c.exercise, title: c.title, probe: plan.find((p) => p.id === c.id)?.probe ?? false, outcome: prior?.outcome ?? null, at: prior?.at ?? null, running: false };
  });

/** Pure: the view after one event (runner progress, a run's start and end, the session's own news). */
export function reduce(v: WatchView, e: ViewEvent, now: number, lab?: Lab): WatchView {
  const row = (id: string, f: (r: CheckRow) => CheckRow) => ({ ...v, rows: v.rows.map((r) => (r.id === id ? f(r) : r)) });
  switch (e.type) {
    case 'cycle-started':
      return { ...v, run: { trigger: e.trigger, startedAt: e.at, finishedAt: null, cancelled: false }, changes: [], notices: [] };
    case 'cycle-ended':
      return {
        ...v,
        rows: v.rows.map((r) => ({ ...r, running: false })),
        run: v.run && { ...v.run, finishedAt: e.at, cancelled: e.cancelled },
        runs: v.runs + (e.cancelled ? 0 : 1),
      };
    case 'run-started':
      return v;
    case 'check-started':
      return row(e.id, (r) => ({ ...r, running: true }));
    case 'check-finished': {
      const before = v.rows.find((r) => r.id === e.check.id)?.outcome?.status ?? null;
      const next = row(e.check.id, (r) => ({ ...r, outcome: e.check, at: now, running: false }));
      return before === e.check.status ? next : { ...next, changes: [...v.changes.filter((c) => c.id !== e.check.id), { id: e.check.id, from: before, to: e.check.status }] };
    }
    case 'run-finished':
      return v;
    case 'attempts':
      return { ...v, attempts: e.lines };
    case 'engine':
      return { ...v, engine: { link: e.link, detail: e.detail ?? null } };
    case 'hint':
      return { ...v, hint: e.hint };
    case 'notice':
      return { ...v, notices: [...v.notices, e.text] };
    case 'replanned':
      return lab ? { ...v, rows: rowsOf(lab, e.plan, v.rows), watching: e.watching } : v;
  }
}
