// The lab-01/02 verdict table (lab × check × fixture workspace → verdict and exit code) on the engine
// this leg runs on, diffed against every other engine's (test/support/verdict-table.ts). What the
// engine or builder words differently is asserted here from the same runs, so that the 26 leg needs
// no verdicts.test.ts: its verdicts are the rows of this table, equal to 20.10's.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { GOOD, loadVariants, WORK } from '../support/fixtures.mjs';
import { buildKitWorkspace } from '../support/buildkit-workspace.js';
import { VerdictTable } from '../support/verdict-table.js';

const LABS = ['lab-01', 'lab-02'];
type Check = { id: string; status: string; summary: string; evidence: string[]; question: string | null; mistake: string | null };

/**
 * The buildkit-features workspace's Dockerfile needs BuildKit (heredoc, RUN --mount): dojo probes
 * it where `docker buildx` is present (the 26 leg) and skips with the reason where only the classic
 * builder is (the 20.10 leg's CLI has no buildx).
 */
const table = new VerdictTable('lab-01-02', [
  { rows: 'lab-02 cache-reuse buildkit-features', why: 'BuildKit-only Dockerfile: judged with BuildKit, skipped on the classic builder', byBuilder: { buildkit: 'pass', classic: 'skip' } },
]);
/** Each run's checks, by `<lab> <workspace>`. */
const reports: Record<string, Check[]> = {};
const check = (lab: string, ws: string, id: string) => reports[`${lab} ${ws}`]!.find((c) => c.id === id)!;

beforeAll(async () => {
  const workspaces: [string, string][] = [['good', GOOD], ...loadVariants().map((v: { name: string }) => [v.name, join(WORK, v.name)] as [string, string])];
  for (const lab of LABS) {
    for (const [name, dir] of workspaces) {
      const r = await dojo(['check', lab, '-w', dir, '--format', 'json']);
      reports[`${lab} ${name}`] = r.json<{ checks: Check[] }>().checks;
      table.report(lab, name, r.code, reports[`${lab} ${name}`]!);
    }
  }
  const bk = await dojo(['check', 'lab-02', '-w', buildKitWorkspace(), '--only', 'cache-reuse', '--format', 'json']);
  for (const c of bk.json<{ checks: Check[] }>().checks.filter((k) => k.id === 'cache-reuse')) table.record('lab-02', c.id, 'buildkit-features', c.status);
});

describe('the verdict table', () => {
  it('covers every check of each lab on every fixture workspace', () => {
    expect(Object.keys(table.rows).length).toBeGreaterThan(LABS.length * 11);
  });

  it("equals every other engine's table, but for the explained rows", async () => {
    expect(await table.compare()).toEqual([]);
  });
});

describe('evidence names what dojo saw, on this engine and builder', () => {
  it('every failed check shows evidence and asks a guiding question', () => {
    for (const [run, checks] of Object.entries(reports)) {
      for (const c of checks.filter((k) => k.status === 'fail')) {
        expect(c.evidence.length, `${run} ${c.id} shows evidence`).toBeGreaterThan(0);
        expect(c.question, `${run} ${c.id} asks a guiding question`).toMatch(/\?/);
      }
    }
  });

  it('good: the live rebuild probe found the dependency layer cached, and names the builder', () => {
    const probe = check('lab-02', 'good', 'cache-reuse');
    expect(probe.summary).toMatch(/"RUN go mod download" came from cache/);
    // The builder the engine offers dojo: classic on 20.10 without buildx, BuildKit on the 26 leg.
    expect(probe.evidence[0]).toMatch(/changed only main\.go between two builds \((classic builder|BuildKit \(docker buildx \d+\.\d+\.\d+\))\)$/);
  });

  it('copy-before-deps: the probe says which step broke the cache', () => {
    const probe = check('lab-02', 'copy-before-deps', 'cache-reuse');
    expect(probe.summary).toMatch(/"RUN go mod download" ran again/);
    expect(probe.evidence).toContainEqual('the cache broke at: COPY . .');
  });

  it('dynamic-binary: exit code and the last log line of the throwaway container', () => {
    expect(check('lab-01', 'dynamic-binary', 'container-starts').evidence).toEqual(
      expect.arrayContaining([expect.stringMatching(/exit code \d+|engine:/), expect.stringContaining('no such file or directory')]),
    );
  });

  it('stale-image: a fixed Dockerfile with an old image says rebuild, and asks the image-stale question', () => {
    for (const id of ['exec-form', 'container-starts']) {
      const c = check('lab-01', 'stale-image', id);
      expect(c.summary, id).toMatch(/was not built from the current api-service\/Dockerfile: rebuild, then check again/);
      expect(c.mistake, id).toBe('image-stale');
      expect(c.evidence[0], id).toMatch(/^CMD: the Dockerfile says \["\/app\/api-service"\], the image has \["\/bin\/sh","-c",/);
    }
  });

  it('dynamic-on-debian: a dynamically linked binary whose loader the base ships can run', () => {
    const c = check('lab-02', 'dynamic-on-debian', 'static-binary');
    expect(c.status).toBe('pass');
    expect(c.evidence[0]).toMatch(/asks for the loader \/lib64\/ld-linux/);
  });

  it('rm-later-layer: the Dockerfile lines and the layer size from history', () => {
    expect(check('lab-02', 'rm-later-layer', 'same-layer-cleanup').evidence).toEqual([
      'api-service/Dockerfile:11  COPY --from=build /out/assets.tar /tmp/assets.tar  (layer: 3.0 MB)',
      'api-service/Dockerfile:13  RUN rm -f /tmp/assets.tar  (rm /tmp/assets.tar: deletes /tmp/assets.tar in a later layer)',
    ]);
  });

  it('single-stage: size, largest layers and toolchain paths', () => {
    expect(check('lab-02', 'single-stage', 'image-size').evidence[1]).toBe('largest layers:');
    expect(check('lab-02', 'single-stage', 'no-toolchain').evidence).toContainEqual(expect.stringMatching(/^\/usr\/bin\/go -> /));
  });
});
