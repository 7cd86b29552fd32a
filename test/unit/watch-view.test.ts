// The live view is a pure function of the events it was given: runner progress, runs, the session's news.
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { kindCatalog } from '../../src/checks/catalog.js';
import type { CheckOutcome } from '../../src/checks/runner.js';
import { loadCourse } from '../../src/content/load.js';
import type { Lab } from '../../src/content/types.js';
import { style } from '../../src/render/style.js';
import { watchFrame } from '../../src/render/watch.js';
import { planChecks } from '../../src/watch/plan.js';
import { initialView, reduce, type ViewEvent, type WatchView } from '../../src/watch/view.js';
import { loadWorkspace, workspaceOptions } from '../../src/workspace.js';
import { tempWorkspace } from '../support/workspace.js';

process.env.TZ = 'UTC';
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
let lab: Lab;
let view: WatchView;

const outcome = (id: string, status: CheckOutcome['status'], summary: string, extra: Partial<CheckOutcome> = {}): CheckOutcome =>
  ({ id, exercise: lab.checks.find((c) => c.id === id)!.exercise, status, summary, evidence: [], question: null, ...extra }) as CheckOutcome;
const play = (v: WatchView, events: ViewEvent[], at = T0) => events.reduce((acc, e) => reduce(acc, e, at, lab), v);

beforeAll(async () => {
  const course = loadCourse(fileURLToPath(new URL('../..', import.meta.url)), kindCatalog());
  lab = course.labs.find((l) => l.meta.id === 'lab-02')!;
  const ws = await loadWorkspace(tempWorkspace({}), workspaceOptions(course.labs, lab));
  view = { ...initialView(lab, '/home/student/flowforge', planChecks(lab, ws), ['.', 'api-service']), engine: { link: 'connected', detail: null } };
});

describe('the watch view', () => {
  it('shows each verdict, the probes, what the run changed and what was recorded', () => {
    const first = play(view, [
      { type: 'cycle-started', trigger: 'first run', at: T0 },
      ...lab.checks.map((c): ViewEvent => ({ type: 'check-finished', lab: 'lab-02', check: outcome(c.id, 'pass', `${c.id} is fine`) })),
      { type: 'cycle-ended', at: T0 + 1200, cancelled: false },
    ]);
    const second = play(first, [
      { type: 'cycle-started', trigger: 'saved: api-service/Dockerfile', at: T0 + 60_000 },
      { type: 'check-started', lab: 'lab-02', id: 'layer-order' },
      { type: 'check-started', lab: 'lab-02', id: 'cache-reuse' },
    ], T0 + 60_000);
    expect(watchFrame(second, style(false), 100).join('\n')).toContain('…  layer-order               checking again…');
    const done = play(second, [
      { type: 'check-finished', lab: 'lab-02', check: outcome('layer-order', 'fail', 'the source is copied before dependencies are installed', {
        evidence: ['stage build: api-service/Dockerfile:6  COPY . .', 'stage build: api-service/Dockerfile:7  RUN go mod download'],
        question: 'Which step is the first one not reported as cached?',
      }) },
      { type: 'check-finished', lab: 'lab-02', check: outcome('cache-reuse', 'fail', '"RUN go mod download" ran again') },
      { type: 'cycle-ended', at: T0 + 60_041, cancelled: false },
      { type: 'attempts', lines: ['lab-02 2a: fails, and something changed since your last attempt: counted as a failed attempt'] },
      { type: 'hint', hint: { message: 'The answer to lab-02 2a opens after at least one failed check attempt.' } },
    ], T0 + 60_030);
    expect(watchFrame(done, style(false), 100).join('\n')).toMatchInlineSnapshot(`
      "dojo watch · lab-02 · Image layers, build cache and multi-stage builds
      workspace /home/student/flowforge · watching 2 folders · engine events: connected
        exercise 2a
        ✗  layer-order               the source is copied before dependencies are installed
              stage build: api-service/Dockerfile:6  COPY . .
              stage build: api-service/Dockerfile:7  RUN go mod download
              ? Which step is the first one not reported as cached?
        ✗  cache-reuse         probe (ran 12:01:00) "RUN go mod download" ran again
        ✓  same-layer-cleanup        same-layer-cleanup is fine
        exercise 2b
        ✓  multi-stage               multi-stage is fine
        ✓  image-size                image-size is fine
        ✓  no-toolchain        probe (ran 12:00:00) no-toolchain is fine
        ✓  static-binary       probe (ran 12:00:00) static-binary is fine

      5 of 7 checks pass, 2 fail
      Last run 12:01:00 · 41 ms · saved: api-service/Dockerfile
      Changed: layer-order ✓ → ✗, cache-reuse ✓ → ✗
      lab-02 2a: fails, and something changed since your last attempt: counted as a failed attempt

      ── hint ──
      The answer to lab-02 2a opens after at least one failed check attempt.

       [h] hint  [r] re-run all, slow probes too  [q] quit "
    `);
  });

  it('a superseded run says so and counts no run', () => {
    const v = play(view, [{ type: 'cycle-started', trigger: 'engine: container api-service: stop', at: T0 }, { type: 'cycle-ended', at: T0 + 5, cancelled: true }]);
    expect(v.runs).toBe(0);
    expect(watchFrame(v, style(false)).join('\n')).toContain('Last run 12:00:00 · superseded · engine: container api-service: stop');
  });

  it('cuts long lines to the terminal width so the redraw never scrolls', () => {
    const v = play(view, [{ type: 'check-finished', lab: 'lab-02', check: outcome('layer-order', 'pass', 'x'.repeat(300)) }]);
    expect(Math.max(...watchFrame(v, style(false), 60).map((l) => l.length))).toBe(60);
    expect(watchFrame(v, style(true), 60).find((l) => l.includes('layer-order'))).toMatch(/x…\x1b\[0m$/);
  });
});
