import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import type { Lab } from '../content/types.js';
import { DojoError, ExitCode, usageError, type Location } from '../errors.js';
import type { Workspace } from '../workspace.js';
import { anchorOf, originOf } from './anchor.js';
import { attributeTime } from './durations.js';
import { collectFacts } from './facts/collect.js';
import { factType } from './facts/registry.js';
import { factKey, type FactRequest } from './facts/requests.js';
import { Facts, FactUnavailable } from './facts/store.js';
import { cleanupScope } from '../engine/cleanup.js';
import { kindByName } from './kinds/index.js';
import { gatherSecrets, redact } from './redact.js';
import { Unanswered, type AnyKind, type CheckStatus, type CheckTarget, type Finding, type PromptApi } from './types.js';

export type Severity = 'error' | 'warning' | 'note' | 'none';

/** One check's structured result: every renderer (text, JSON, JUnit, SARIF) works from this. */
export interface CheckOutcome {
  id: string;
  exercise: string;
  /** The rule: the check kind that judged it. */
  rule: string;
  /** @deprecated the same as `rule`; kept for JSON readers of report version 1. */
  kind: string;
  title: string;
  service: string;
  status: CheckStatus;
  severity: Severity;
  summary: string;
  /** Workspace-relative file, 1-based line and column; null when the finding has no place in a file. */
  location: Location | null;
  /**
   * For a failed or unevaluated check without a location: the file it stems from (anchor.ts), for
   * SARIF and workflow annotations, which drop findings without one. Not in the JSON report.
   */
  anchor?: Location | null;
  evidence: string[];
  question: string | null;
  mistake: string | null;
  /** This check's share of the run's time (see durations.ts): a lab's checks add up to at most its durationMs. */
  durationMs: number;
  /** When its verdict was known, in ms since the lab's run began (checks sharing a fact finish together). */
  readyAtMs: number;
}

export interface ExerciseOutcome {
  id: string;
  passed: boolean;
  status: 'pass' | 'fail' | 'skip';
  /** Hash of what this exercise's checks looked at (files, image and container ids): equal = nothing changed. */
  fingerprint: string;
}

export type LabStatus = 'passed' | 'failed' | 'incomplete';

export interface RunReport {
  lab: string;
  title: string;
  workspace: string;
  /** Nothing failed, nothing errored and no gradable item (a quiz) was left unasked. */
  passed: boolean;
  /** `failed`: a check failed; `incomplete`: none failed, but one could not be evaluated, judged or graded. */
  status: LabStatus;
  /** Selected checks that need a person (a quiz) and were not asked: no terminal and no answers file. */
  ungraded: string[];
  /** Selected checks that skipped with a reason (no scanner, a probe that could not run): not judged. */
  unjudged: string[];
  startedAt: string;
  durationMs: number;
  exercises: ExerciseOutcome[];
  checks: CheckOutcome[];
  engine: { reachable: boolean; endpoint?: string; version?: string; apiVersion?: string; message?: string };
}

export interface RunOutput {
  /** Already redacted: no secret value the run saw is in it. */
  report: RunReport;
  /** Values redacted from this run's output, for anything else the caller prints. */
  secrets: string[];
  engineError?: DojoError;
  /** Per fact this run collected, what its fingerprint looks at (fact key → part), to merge runs. Not redacted: hash it, never print it. */
  prints: Record<string, unknown>;
}

export type RunEvent =
  | { type: 'run-started'; lab: string; checks: string[] }
  | { type: 'check-started'; lab: string; id: string }
  | { type: 'check-finished'; lab: string; check: CheckOutcome }
  | { type: 'run-finished'; lab: string; report: RunReport };

export interface RunOptions {
  only?: string[];
  skip?: string[];
  /** When set, interactive kinds ask through it; otherwise they are skipped. */
  prompt?: PromptApi;
  signal?: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  /**
   * Told when this run's collectors have all ended and its throwaway objects are removed; after a
   * cancel that is later than the run's own rejection (a watch session waits for it before exiting).
   */
  onSettled?: (done: Promise<void>) => void;
}

export const SEVERITY: Record<CheckStatus, Severity> = { fail: 'error', error: 'warning', skip: 'note', pass: 'none' };

export const interruptedError = (): DojoError =>
  new DojoError({ code: 'E_INTERRUPTED', message: 'interrupted: nothing was recorded', exitCode: ExitCode.interrupted });

export async function runChecks(lab: Lab, ws: Workspace, opts: RunOptions): Promise<RunOutput> {
  const known = new Set(lab.checks.map((c) => c.id));
  for (const id of [...(opts.only ?? []), ...(opts.skip ?? [])]) {
    if (!known.has(id)) throw usageError(`${lab.meta.id} has no check "${id}"`, `Its checks: ${[...known].join(', ')}.`);
  }
  const planned = lab.checks.map((def) => {
    const kind = kindByName.get(def.kind) as AnyKind;
    const serviceName = def.service ?? lab.meta.targets.services[0] ?? 'api-service';
    const service = ws.services[serviceName];
    if (!service) throw usageError(`${lab.meta.id} check ${def.id} names service ${serviceName}, which the workspace does not define`, 'Add it under services: in dojo.yaml.');
    const target: CheckTarget = { lab: lab.meta.id, workspace: ws, service };
    const params = kind.params.parse(def.params ?? {});
    const selected = (!opts.only?.length || opts.only.includes(def.id)) && !opts.skip?.includes(def.id);
    const interactive = Boolean(kind.interact && opts.prompt);
    const requests: FactRequest[] = selected && !interactive ? kind.needs(target, params) : [];
    return { def, kind, target, params, selected, interactive, requests };
  });
  opts.onEvent?.({ type: 'run-started', lab: lab.meta.id, checks: planned.filter((p) => p.selected).map((p) => p.def.id) });

  const outcomes = new Map<string, CheckOutcome>();
  const dotenvDirs = [ws.dir, ...new Set(planned.map((p) => p.target.service.context))];
  const started = Date.now();
  const ownMs = new Map<string, number>();
  // durationMs in check-finished events is the check's own time so far; the report has the final share.
  const finish = (p: (typeof planned)[number], finding: Finding, ms: number) => {
    ownMs.set(p.def.id, ms);
    const outcome = toOutcome(lab, ws, p.def, p.kind, p.target, finding, ms, Date.now() - started);
    outcomes.set(p.def.id, outcome);
    // Redacted with what its own facts hold: a renderer may print the event before the report exists.
    if (p.selected) opts.onEvent?.({ type: 'check-finished', lab: lab.meta.id, check: redact(outcome, gatherSecrets(p.requests, facts, dotenvDirs)) });
  };
  // A check is judged as soon as the last fact it needs is in, so progress streams to the renderer.
  const waiting = planned.filter((p) => p.selected && !p.interactive);
  const facts = new Facts();
  const ready = new Set<string>();
  const judgeReady = () => {
    for (const p of waiting.filter((w) => !outcomes.has(w.def.id) && w.requests.every((r) => ready.has(factKey(r))))) {
      // Its rule time lies inside the span of the fact that completed it (durations.ts counts it there).
      finish(p, evaluate(p.kind, facts, p.target, p.params), 0);
    }
  };
  for (const p of waiting) opts.onEvent?.({ type: 'check-started', lab: lab.meta.id, id: p.def.id });
  // Checks that need no fact (or only static ones already in) are judged without waiting for the rest.
  judgeReady();
  // Throwaway objects belong to this run: once its collectors settle, what any of them still holds
  // is removed, also when the run was cancelled and the process goes on (dojo watch).
  const scope = cleanupScope();
  const collecting = scope.run(() => collectFacts(planned.flatMap((p) => p.requests), ws.dir, {
    signal: opts.signal,
    facts,
    onFact: (key) => {
      ready.add(key);
      if (facts && !opts.signal?.aborted) judgeReady();
    },
  }));
  const settled = collecting.then(() => scope.release(), () => scope.release());
  opts.onSettled?.(settled);
  const collected = await untilAborted(collecting, opts.signal);
  if (opts.signal?.aborted) throw interruptedError();
  judgeReady();
  for (const p of planned) {
    if (outcomes.has(p.def.id)) continue;
    if (!p.selected) finish(p, { status: 'skip', summary: 'not selected in this run (--exercise, --only or --skip)' }, 0);
    else {
      const t = Date.now();
      opts.onEvent?.({ type: 'check-started', lab: lab.meta.id, id: p.def.id });
      finish(p, await ask(p.kind, p.target, p.params, withCheck(opts.prompt!, lab.meta.id, p.def.id)), Date.now() - t);
    }
    if (opts.signal?.aborted) throw interruptedError();
  }
  const users = new Map<string, string[]>();
  for (const p of planned) for (const key of new Set(p.requests.map(factKey))) users.set(key, [...(users.get(key) ?? []), p.def.id]);
  const shares = attributeTime(collected.spans, users);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  const unplaced = (o: CheckOutcome) => !o.location && (o.status === 'fail' || o.status === 'error');
  // The compose and dojo.yaml readers load only when some finding needs a place (a passing run reads nothing more).
  const places = lab.checks.some((c) => unplaced(outcomes.get(c.id)!)) ? (await import('./anchor-places.js')).workspacePlaces(ws, lab) : null;
  const anchor = (p: (typeof planned)[number], o: CheckOutcome): Location | null => {
    if (!places || !unplaced(o)) return null;
    try {
      const at = anchorOf(originOf(p.requests, (r) => facts.optional(r) !== null, ws, p.target.service, lab.meta.targets.compose, o.summary), o.exercise, places);
      return at ? relativeTo(ws, at) : null;
    } catch {
      return null; // a place to show it is a courtesy: never worth the report
    }
  };
  const checks = lab.checks.map((c, i) => {
    const o = outcomes.get(c.id)!;
    return { ...o, anchor: anchor(planned[i]!, o), durationMs: round((shares.get(c.id) ?? 0) + (ownMs.get(c.id) ?? 0)) };
  });
  const ungraded = planned.filter((p) => p.selected && p.kind.interact && outcomes.get(p.def.id)!.status === 'skip').map((p) => p.def.id);
  // A selected check that skips was not judged (no scanner, a probe that could not run, a base dojo
  // cannot resolve): the lab is incomplete (exit 4), as the gate says; "does not apply" is a pass.
  const unjudged = planned.filter((p) => p.selected && !ungraded.includes(p.def.id) && outcomes.get(p.def.id)!.status === 'skip').map((p) => p.def.id);
  const failed = checks.some((c) => c.status === 'fail');
  const status = failed ? 'failed' : checks.some((c) => c.status === 'error') || ungraded.length || unjudged.length ? 'incomplete' : 'passed';
  const exercises = lab.meta.exercises.map((e): ExerciseOutcome => {
    const mine = checks.filter((c) => c.exercise === e.id);
    const bad = mine.some((c) => c.status === 'fail' || c.status === 'error');
    const open = mine.some((c) => ungraded.includes(c.id) || unjudged.includes(c.id));
    const status = bad ? 'fail' : !open && mine.some((c) => c.status === 'pass') ? 'pass' : 'skip';
    const requests = planned.filter((p) => p.def.exercise === e.id).flatMap((p) => p.requests);
    // A quiz reads no fact: what the student answered (its verdict per question) is its input.
    const answered = planned.filter((p) => p.def.exercise === e.id && p.interactive).map((p): [string, unknown] => {
      const o = outcomes.get(p.def.id)!;
      return [`answers:${p.def.id}`, [o.status, o.summary, o.evidence]];
    });
    return { id: e.id, passed: status === 'pass', status, fingerprint: hashPrints([...printsOf(requests, collected.facts), ...answered]) };
  });
  const { reachable, endpoint, version, apiVersion, error } = collected.engine;
  const requests = planned.flatMap((p) => p.requests);
  const secrets = gatherSecrets(requests, collected.facts, dotenvDirs);
  const report = redact<RunReport>({
    lab: lab.meta.id,
    title: lab.meta.title,
    workspace: ws.dir,
    passed: status === 'passed',
    status,
    ungraded,
    unjudged,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    exercises,
    checks,
    engine: { reachable, endpoint, version, apiVersion, message: error?.message },
  }, secrets);
  opts.onEvent?.({ type: 'run-finished', lab: lab.meta.id, report });
  return { report, secrets, engineError: error, prints: Object.fromEntries(printsOf(requests, collected.facts)) };
}

/** An interactive check; a prompt without an answer (an instructor's answers file) leaves it ungraded. */
async function ask(kind: AnyKind, target: CheckTarget, params: unknown, prompt: PromptApi): Promise<Finding> {
  try {
    return await kind.interact!(target, params, prompt);
  } catch (err) {
    if (err instanceof Unanswered) return { status: 'skip', summary: `not graded: ${err.message}` };
    throw err;
  }
}

const withCheck = (prompt: PromptApi, lab: string, check: string): PromptApi => ({ select: (q) => prompt.select({ ...q, lab, check }) });

function toOutcome(lab: Lab, ws: Workspace, def: Lab['checks'][number], kind: AnyKind, target: CheckTarget, finding: Finding, durationMs: number, readyAtMs: number): CheckOutcome {
  const find = (id: string | undefined) => (id ? lab.hints.mistakes.find((m) => m.id === id) : undefined);
  const mistake = finding.status === 'fail' ? (find(finding.mistake) ?? find(def.mistake)) : undefined;
  const loc = finding.location;
  return {
    id: def.id,
    exercise: def.exercise,
    rule: kind.name,
    kind: kind.name,
    title: def.title,
    service: target.service.name,
    status: finding.status,
    severity: SEVERITY[finding.status],
    summary: finding.summary,
    location: loc ? relativeTo(ws, loc) : null,
    evidence: finding.evidence ?? [],
    question: mistake?.question ?? null,
    mistake: mistake?.id ?? null,
    durationMs,
    readyAtMs,
  };
}

const relativeTo = (ws: Workspace, loc: Location): Location => ({ ...loc, file: relative(ws.dir, loc.file).split('\\').join('/') || loc.file });

/** What the checks looked at, as each fact type defines it; volatile probe output is left out. */
function printsOf(requests: FactRequest[], facts: Facts): [string, unknown][] {
  return [...new Map(requests.map((r) => [factKey(r), r])).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([key, r]) => {
      const type = factType(r);
      if (!type.fingerprint) return [];
      const value = facts.raw(r);
      return [[key, value instanceof FactUnavailable ? null : type.fingerprint(value)]];
    });
}

/** An exercise's fingerprint from its facts' parts, sorted by fact key (a watch session merges runs' parts). */
export const hashPrints = (parts: [string, unknown][]): string =>
  createHash('sha256').update(JSON.stringify([...parts].sort(([a], [b]) => a.localeCompare(b)))).digest('hex').slice(0, 16);

/** Rejects as soon as the signal aborts; the work winds down on its own (its scope cleans up after it). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(interruptedError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function evaluate(kind: AnyKind, facts: Facts, target: CheckTarget, params: unknown): Finding {
  try {
    return kind.evaluate(facts, target, params);
  } catch (err) {
    if (err instanceof FactUnavailable) return { status: 'error', summary: err.message, evidence: err.evidence };
    return { status: 'error', summary: `internal error in check kind ${kind.name}: ${(err as Error).message}` };
  }
}
