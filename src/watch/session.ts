import { interruptedError, runChecks, type CheckOutcome, type RunOutput } from '../checks/runner.js';
import type { Lab } from '../content/types.js';
import type { GlobalOptions } from '../context.js';
import { DojoError } from '../errors.js';
import { style } from '../render/style.js';
import { watchFrame } from '../render/watch.js';
import { loadWorkspace, workspaceOptions, type Workspace } from '../workspace.js';
import type { Course } from '../content/types.js';
import type { HintResult } from '../commands/hint.js';
import { Debouncer } from './debounce.js';
import { eventTargets, knownIds, learnIds, relevantEvent } from './engine-events.js';
import { streamEngineEvents } from './engine-stream.js';
import { classifyFile, relTo, watchedDirs, watchFiles } from './files.js';
import { planChecks, selectChecks, type PlannedCheck } from './plan.js';
import { probeInputPrints } from './probe-inputs.js';
import { mergedReport, recordWatchRun } from './record.js';
import { courseKey } from '../state/course-key.js';
import { openScreen, type Screen } from './terminal.js';
import { describeTrigger, mergeTriggers, trigger, type Trigger } from './trigger.js';
import { initialView, reduce, type ViewEvent, type WatchView } from './view.js';

/** Editors save in a few writes; the engine announces `docker run` in a burst (create, connect, start). */
const FILE_DEBOUNCE_MS = 30;
const ENGINE_DEBOUNCE_MS = 150;
/** On quit, how long cancelled probes get to end before the process-wide cleanup takes over. */
const SETTLE_MS = 10_000;

export interface WatchSessionOptions {
  g: GlobalOptions;
  course: Course;
  lab: Lab;
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
  /** SIGINT/SIGTERM from outside (a Ctrl-C on the keyboard arrives as a key). */
  interrupt: AbortSignal;
  /** The hint ladder, for the hint key; returns the text to show. */
  hint: (workspace: string) => Promise<HintResult>;
}

export interface WatchSummary {
  runs: number;
  passed: number;
  total: number;
  endedBy: 'key' | 'signal';
}

/**
 * The watch loop: one run at a time; a trigger that arrives while one runs cancels it (its
 * throwaway objects go with it) and the next run does both runs' work.
 */
export async function watchSession(o: WatchSessionOptions): Promise<WatchSummary> {
  const { lab } = o;
  let ws: Workspace = await loadWorkspace(o.g.workspace, workspaceOptions(o.course.labs, lab));
  let plan: PlannedCheck[] = planChecks(lab, ws);
  const compose = Boolean(lab.meta.targets.compose);
  let targets = eventTargets(ws, compose);
  const known = knownIds();
  const outcomes = new Map<string, CheckOutcome>();
  const prints: Record<string, unknown> = {};
  const probePrints = new Map<string, string>();
  const settling = new Set<Promise<void>>();
  const c = style(o.g.color);

  let view: WatchView = initialView(lab, ws.dir, plan, watchedDirs(ws).map((d) => relTo(ws, d)));
  let screen: Screen | undefined;
  let drawQueued = false;
  const draw = () => {
    if (drawQueued) return;
    drawQueued = true;
    setImmediate(() => {
      drawQueued = false;
      screen?.draw(watchFrame(view, c, screen.columns));
    });
  };
  const apply = (e: ViewEvent) => {
    view = reduce(view, e, Date.now(), lab);
    draw();
  };

  let pending: Trigger | null = trigger({ initial: true });
  type Active = { ac: AbortController; done: Promise<void> };
  let current: Active | null = null;
  let quitting = false;
  const debounce = new Debouncer(() => startOrSupersede());
  const kick = (t: Trigger, ms: number, maxMs?: number) => {
    if (quitting) return;
    pending = mergeTriggers(pending, t);
    debounce.poke(ms, maxMs);
  };

  function startOrSupersede(): void {
    if (current) return current.ac.abort(); // its end starts the next run with both triggers
    if (!pending || quitting) return;
    const t = pending;
    pending = null;
    const ac = new AbortController();
    const done = cycle(t, ac.signal)
      .catch((err: unknown) => {
        if (ac.signal.aborted) return;
        apply({ type: 'notice', text: err instanceof DojoError ? `${err.message} ${err.suggestion ?? ''}`.trim() : `internal error: ${(err as Error).message}` });
      })
      .finally(() => {
        apply({ type: 'cycle-ended', at: Date.now(), cancelled: ac.signal.aborted });
        if (ac.signal.aborted) pending = mergeTriggers(t, pending);
        current = null;
        if (pending && !debounce.pending && !quitting) startOrSupersede();
      });
    current = { ac, done };
  }

  const run = async (only: string[], signal: AbortSignal): Promise<RunOutput> => {
    const out = await runChecks(lab, ws, {
      only, signal,
      onEvent: (e) => apply(e),
      onSettled: (p) => {
        settling.add(p);
        void p.finally(() => settling.delete(p));
      },
    });
    for (const id of only) outcomes.set(id, out.report.checks.find((k) => k.id === id)!);
    Object.assign(prints, out.prints);
    learnIds(known, out.prints);
    return out;
  };

  async function cycle(t: Trigger, signal: AbortSignal): Promise<void> {
    apply({ type: 'cycle-started', trigger: describeTrigger(t), at: Date.now() });
    if (t.config) await reload();
    const sel = selectChecks(plan, t);
    const touched = new Set<string>();
    const exerciseOf = (id: string) => plan.find((p) => p.id === id)!.exercise;
    if (sel.quick.length) {
      await run(sel.quick, signal);
      sel.quick.forEach((id) => touched.add(exerciseOf(id)));
    }
    const candidates = plan.filter((p) => sel.probesForced.includes(p.id) || sel.probesIfChanged.includes(p.id));
    if (candidates.length) {
      const now = await probeInputPrints(candidates, ws.dir, signal);
      if (signal.aborted) throw interruptedError();
      const due = candidates.filter((p) => sel.probesForced.includes(p.id) || now.get(p.id) !== probePrints.get(p.id)).map((p) => p.id);
      if (due.length) {
        await run(due, signal);
        for (const id of due) probePrints.set(id, now.get(id)!);
        due.forEach((id) => touched.add(exerciseOf(id)));
      }
    }
    if (touched.size) {
      try {
        apply({ type: 'attempts', lines: await recordWatchRun(lab, ws.dir, courseKey(o.course.dir), mergedReport(lab, ws.dir, plan, outcomes, prints, touched)) });
      } catch (err) {
        apply({ type: 'notice', text: `progress not saved: ${(err as Error).message}` });
      }
    }
  }

  async function reload(): Promise<void> {
    ws = await loadWorkspace(o.g.workspace, workspaceOptions(o.course.labs, lab));
    plan = planChecks(lab, ws);
    targets = eventTargets(ws, compose);
    files?.add(watchedDirs(ws));
    apply({ type: 'replanned', plan, watching: watchedDirs(ws).map((d) => relTo(ws, d)) });
  }

  const files = await watchFiles(watchedDirs(ws), (path) => {
    const kind = classifyFile(path, ws);
    if (kind) kick(trigger(kind === 'config' ? { config: true, files: [relTo(ws, path)] } : { files: [relTo(ws, path)] }), FILE_DEBOUNCE_MS);
  });
  await files.ready;

  const engineStop = new AbortController();
  streamEngineEvents(
    (e) => {
      const what = relevantEvent(e, targets, known);
      if (what) kick(trigger({ engine: [what] }), ENGINE_DEBOUNCE_MS, 1_000);
    },
    (link, detail) => apply({ type: 'engine', link, detail }),
    engineStop.signal,
  );

  let endedBy: (how: 'key' | 'signal') => void = () => undefined;
  const ended = new Promise<'key' | 'signal'>((resolve) => (endedBy = resolve));
  const showHint = () => {
    o.hint(ws.dir).then(
      (result) => apply({ type: 'hint', hint: { result } }),
      (err: unknown) => apply({ type: 'hint', hint: { message: err instanceof DojoError ? `${err.message}\n${err.suggestion ?? ''}` : String(err) } }),
    );
  };
  screen = openScreen(o.input, o.output, (key) => {
    if (key === 'q' || key === 'Q' || key === '\x03' || key === '\x04') endedBy('key');
    else if (key === 'h' || key === 'H') showHint();
    else if (key === 'r' || key === 'R') kick(trigger({ probes: true }), 0);
  }, draw);
  const onSignal = () => endedBy('signal');
  o.interrupt.addEventListener('abort', onSignal, { once: true });
  draw();
  startOrSupersede();

  const how = await ended;
  quitting = true;
  debounce.cancel();
  engineStop.abort();
  // Assigned in callbacks, which the compiler does not follow.
  const running = current as Active | null;
  running?.ac.abort();
  await Promise.all([files.close(), running?.done]);
  // Cancelled probes end quickly once aborted; their scopes remove what they made.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(settling), new Promise((r) => (timer = setTimeout(r, SETTLE_MS)))]).finally(() => clearTimeout(timer));
  screen.close();
  o.interrupt.removeEventListener('abort', onSignal);
  const rows = view.rows;
  return { runs: view.runs, passed: rows.filter((r) => r.outcome?.status === 'pass').length, total: rows.length, endedBy: how };
}
