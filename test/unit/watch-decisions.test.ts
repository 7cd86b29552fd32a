// The pure parts of `dojo watch`: which checks a trigger re-runs, which engine events count, the
// debounce, which saved files matter, and the merged fingerprint that decides whether a run counts.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { kindCatalog } from '../../src/checks/catalog.js';
import { hashPrints, type CheckOutcome } from '../../src/checks/runner.js';
import { loadCourse } from '../../src/content/load.js';
import type { Course, Lab } from '../../src/content/types.js';
import { loadWorkspace, workspaceOptions, type Workspace } from '../../src/workspace.js';
import { Debouncer } from '../../src/watch/debounce.js';
import { eventTargets, knownIds, learnIds, normalizeRef, relevantEvent, type EngineEvent } from '../../src/watch/engine-events.js';
import { classifyFile } from '../../src/watch/files.js';
import { planChecks, selectChecks } from '../../src/watch/plan.js';
import { mergedReport } from '../../src/watch/record.js';
import { describeTrigger, mergeTriggers, trigger } from '../../src/watch/trigger.js';
import { tempWorkspace } from '../support/workspace.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let course: Course;
const lab = (id: string): Lab => course.labs.find((l) => l.meta.id === id)!;
const ws = (id: string, files: Record<string, string> = {}): Promise<Workspace> => loadWorkspace(tempWorkspace(files), workspaceOptions(course.labs, lab(id)));

beforeAll(() => {
  course = loadCourse(ROOT, kindCatalog());
});

describe('which checks a trigger re-runs', () => {
  it('classifies lab 02: file-only rules, rules that read the image too, and the probes', async () => {
    const plan = planChecks(lab('lab-02'), await ws('lab-02'));
    const kind = (c: (typeof plan)[number]) => (c.probe ? 'probe' : c.engine ? (c.files ? 'files+engine' : 'engine') : 'files');
    expect(Object.fromEntries(plan.map((c) => [c.id, kind(c)]))).toMatchInlineSnapshot(`
      {
        "cache-reuse": "probe",
        "image-size": "files+engine",
        "layer-order": "files",
        "multi-stage": "files",
        "no-toolchain": "probe",
        "same-layer-cleanup": "files+engine",
        "static-binary": "probe",
      }
    `);
    // The rebuild's inputs are what it builds from, not its own (volatile) result.
    expect(plan.find((c) => c.id === 'cache-reuse')!.inputs.map((r) => r.type).sort()).toEqual(['context', 'dockerfile']);
  });

  it('a saved file re-runs the checks that read files; probes only if their inputs changed', async () => {
    const plan = planChecks(lab('lab-02'), await ws('lab-02'));
    expect(selectChecks(plan, trigger({ files: ['api-service/Dockerfile'] }))).toEqual({
      quick: ['layer-order', 'same-layer-cleanup', 'multi-stage', 'image-size'],
      probesForced: [],
      probesIfChanged: ['cache-reuse', 'no-toolchain', 'static-binary'],
    });
  });

  it('an engine event re-runs the checks that read the engine, never the file-only ones', async () => {
    const plan = planChecks(lab('lab-03'), await ws('lab-03'));
    const sel = selectChecks(plan, trigger({ engine: ['container api-service: stop'] }));
    expect(sel.quick).toEqual(['user-network', 'worker-unpublished', 'named-volume']);
    expect(sel.probesForced).toEqual([]);
    expect(sel.probesIfChanged).toEqual(['name-resolution', 'data-survives', 'volume-permissions']);
    const p02 = planChecks(lab('lab-02'), await ws('lab-02'));
    expect(selectChecks(p02, trigger({ engine: ['image x: tag'] })).quick).toEqual(['same-layer-cleanup', 'image-size']);
  });

  it('the first run and the re-run key force every probe; dojo.yaml re-runs every cheap check', async () => {
    const plan = planChecks(lab('lab-03'), await ws('lab-03'));
    for (const t of [trigger({ initial: true }), trigger({ probes: true })]) {
      expect(selectChecks(plan, t).probesForced).toEqual(['name-resolution', 'data-survives', 'volume-permissions']);
    }
    const config = selectChecks(plan, trigger({ config: true }));
    expect(config.quick).toHaveLength(3);
    expect(config.probesForced).toEqual([]);
  });

  it('triggers merge while a run is under way, and say what set the run off', () => {
    const merged = mergeTriggers(trigger({ files: ['a/Dockerfile'] }), trigger({ files: ['a/Dockerfile', '.dockerignore'], engine: ['container pg: die'] }));
    expect(merged).toEqual(trigger({ files: ['a/Dockerfile', '.dockerignore'], engine: ['container pg: die'] }));
    expect(describeTrigger(merged!)).toBe('saved: a/Dockerfile, .dockerignore; engine: container pg: die');
    expect(mergeTriggers(null, trigger({ probes: true }))).toEqual(trigger({ probes: true }));
  });
});

describe('engine events', () => {
  const ev = (Type: string, Action: string, ID: string, Attributes: Record<string, string> = {}): EngineEvent => ({ Type, Action, Actor: { ID, Attributes } });

  it("counts the lab's containers, images, networks and volumes by name, and nothing else", async () => {
    const w = await ws('lab-03', { 'dojo.yaml': 'services:\n  postgres: { container: db }\nnetwork: net1\nvolume: vol1\n' });
    const t = eventTargets(w, false);
    const known = knownIds();
    expect(relevantEvent(ev('container', 'stop', 'c1', { name: 'db', image: 'postgres:15' }), t, known)).toBe('container db: stop');
    expect(relevantEvent(ev('container', 'stop', 'c9', { name: 'someone-else' }), t, known)).toBeNull();
    expect(relevantEvent(ev('image', 'tag', 'sha256:1', { name: 'flowforge/api-service:dev' }), t, known)).toBe('image flowforge/api-service:dev: tag');
    expect(relevantEvent(ev('image', 'tag', 'sha256:2', { name: 'docker.io/library/postgres:15' }), t, known)).toBe('image docker.io/library/postgres:15: tag');
    expect(relevantEvent(ev('network', 'destroy', 'n1', { name: 'net1' }), t, known)).toBe('network net1: destroy');
    expect(relevantEvent(ev('volume', 'destroy', 'vol1'), t, known)).toBe('volume vol1: destroy');
    expect(relevantEvent(ev('volume', 'destroy', 'vol2'), t, known)).toBeNull();
  });

  it("ignores dojo's own probes and what they cause, and reads that change nothing", async () => {
    const t = eventTargets(await ws('lab-03', { 'dojo.yaml': 'services:\n  postgres: { container: db }\nnetwork: net1\nvolume: vol1\n' }), false);
    const known = knownIds();
    expect(relevantEvent(ev('container', 'start', 'c1', { name: 'db' }), t, known)).toBe('container db: start');
    // A probe is labelled; its connects name it by id (sometimes before its create), so only the lab's ids count.
    expect(relevantEvent(ev('network', 'connect', 'n1', { name: 'net1', container: 'probe1' }), t, known)).toBeNull();
    expect(relevantEvent(ev('container', 'create', 'probe1', { name: 'x', 'io.dojo.temp': '1' }), t, known)).toBeNull();
    expect(relevantEvent(ev('network', 'connect', 'n1', { name: 'other', container: 'c1' }), t, known)).toBe('network other: connect');
    // The engine says `create` when a probe mounts an existing volume.
    expect(relevantEvent(ev('volume', 'create', 'vol1', { driver: 'local' }), t, known)).toBeNull();
    expect(relevantEvent(ev('volume', 'mount', 'vol1', { container: 'probe1' }), t, known)).toBeNull();
    // Health checks exec into the container every few seconds; a health change does count.
    expect(relevantEvent(ev('container', 'exec_start: pg_isready', 'c1', { name: 'db' }), t, known)).toBeNull();
    expect(relevantEvent(ev('container', 'health_status: healthy', 'c1', { name: 'db' }), t, known)).toBe('container db: health_status: healthy');
  });

  it('knows a renamed or removed target by the id the last run saw, and a compose project by its label', async () => {
    const w = await ws('lab-04');
    const t = eventTargets(w, true);
    const known = knownIds();
    learnIds(known, { 'container:api-service': { id: 'abc', status: 'running' }, 'image:flowforge/api-service:dev': 'sha256:9' });
    expect(relevantEvent(ev('container', 'rename', 'abc', { name: 'renamed', oldName: '/api-service' }), t, known)).toBe('container renamed: rename');
    expect(relevantEvent(ev('image', 'delete', 'sha256:9', { name: 'sha256:9' }), t, known)).toBe('image sha256:9: delete');
    const project = w.compose.project;
    expect(relevantEvent(ev('container', 'die', 'c2', { name: `${project}-postgres-1`, 'com.docker.compose.project': project }), t, known)).toBe(`container ${project}-postgres-1: die`);
    expect(relevantEvent(ev('network', 'create', 'n2', { name: `${project}_default` }), t, known)).toBe(`network ${project}_default: create`);
  });

  it('normalizes image names as the engine reports them', () => {
    expect(['postgres', 'library/postgres:latest', 'docker.io/library/postgres', 'registry:5000/app'].map(normalizeRef)).toEqual([
      'postgres:latest', 'postgres:latest', 'postgres:latest', 'registry:5000/app:latest',
    ]);
  });
});

describe('debounce', () => {
  afterEach(() => void vi.useRealTimers());

  it('fires once after a burst, and at the latest maxMs after its first poke', () => {
    vi.useFakeTimers();
    const fired: number[] = [];
    const d = new Debouncer(() => fired.push(Date.now()), () => Date.now());
    const t0 = Date.now();
    d.poke(30);
    vi.advanceTimersByTime(20);
    d.poke(30);
    vi.advanceTimersByTime(20);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(10);
    expect(fired.map((t) => t - t0)).toEqual([50]);
    // A steady stream (every 100 ms) still fires within maxMs.
    for (let i = 0; i < 12; i++) {
      d.poke(150, 1000);
      vi.advanceTimersByTime(100);
    }
    expect(fired.length).toBe(2);
    expect(fired[1]! - t0).toBeLessThanOrEqual(50 + 1000);
  });
});

describe('saved files', () => {
  it('Dockerfiles, .dockerignore and compose files re-run checks; dojo.yaml and a new compose file reload the workspace', async () => {
    const w = await ws('lab-04', { 'compose.yaml': 'services: {}\n', 'dojo.yaml': '' });
    const at = (p: string) => join(w.dir, p);
    expect(classifyFile(at('api-service/Dockerfile'), w)).toBe('build');
    expect(classifyFile(at('api-service/.dockerignore'), w)).toBe('build');
    expect(classifyFile(at('api-service/Dockerfile.dev'), w)).toBe('build');
    expect(classifyFile(at('compose.yaml'), w)).toBe('build');
    expect(classifyFile(at('.env'), w)).toBe('build');
    expect(classifyFile(at('dojo.yaml'), w)).toBe('config');
    expect(classifyFile(at('compose.override.yaml'), w)).toBe('config');
    expect(classifyFile(at('api-service/main.go'), w)).toBeNull();
    expect(classifyFile(at('README.md'), w)).toBeNull();
  });
});

describe('what a watch run records', () => {
  it("merges runs: an exercise's fingerprint covers all its checks' facts, as a full dojo check computes it", async () => {
    const l = lab('lab-02');
    const plan = planChecks(l, await ws('lab-02'));
    const outcome = (id: string, status: CheckOutcome['status']) => ({ id, exercise: plan.find((p) => p.id === id)!.exercise, status }) as CheckOutcome;
    const outcomes = new Map(plan.map((p) => [p.id, outcome(p.id, p.id === 'layer-order' ? 'fail' : 'pass')]));
    const prints = Object.fromEntries(plan.flatMap((p) => p.keys).map((k) => [k, `print of ${k}`]));
    const report = mergedReport(l, '/ws', plan, outcomes, prints, new Set(['2a']));
    expect(report.checks.map((c) => c.id)).toEqual(['layer-order', 'cache-reuse', 'same-layer-cleanup']);
    expect(report.exercises.map((e) => e.id)).toEqual(['2a']);
    expect(report.exercises[0]!.status).toBe('fail');
    const keys = [...new Set(plan.filter((p) => p.exercise === '2a').flatMap((p) => p.keys))];
    expect(report.exercises[0]!.fingerprint).toBe(hashPrints(keys.map((k) => [k, prints[k]])));
    // A fact of another exercise changing leaves this one's fingerprint alone.
    const other = plan.find((p) => p.id === 'multi-stage')!.keys.find((k) => !keys.includes(k));
    if (other) expect(mergedReport(l, '/ws', plan, outcomes, { ...prints, [other]: 'changed' }, new Set(['2a'])).exercises[0]!.fingerprint).toBe(report.exercises[0]!.fingerprint);
  });
});
