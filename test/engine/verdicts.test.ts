// Each lab's checks on the real engine: the good FlowForge workspace passes, each broken variant
// fails exactly the checks of its mistake (variant.yaml `expect`), with evidence and a question.
import { describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { GOOD, loadVariants, WORK } from '../support/fixtures.mjs';

interface Variant { name: string; expect: Record<string, { fail: string[]; error?: string[] }> }
const variants = (loadVariants() as Variant[]).filter((v) => Object.keys(v.expect).length);
const LABS = ['lab-01', 'lab-02'];

const statuses = (json: { checks: { id: string; status: string }[] }, status: string) =>
  json.checks.filter((c) => c.status === status).map((c) => c.id).sort();

describe('the good workspace', () => {
  it('passes every check of lab-01 but the quiz, which is not graded without a terminal: incomplete, exit 4', async () => {
    const r = await dojo(['check', 'lab-01', '-w', GOOD, '--format', 'json']);
    const json = r.json();
    expect(r.code).toBe(4);
    expect([json.passed, json.status, json.labs[0].ungraded]).toEqual([false, 'incomplete', ['namespaces-quiz']]);
    expect(statuses(json, 'skip')).toEqual(['namespaces-quiz']);
    expect(json.checks.find((c: { id: string }) => c.id === 'namespaces-quiz').summary).toContain('needs a terminal');
    expect(json.exercises).toMatchObject([{ id: '1a', passed: false, status: 'skip' }, { id: '1b', passed: true, status: 'pass' }]);
  });

  it('passes all of lab-02, including the live rebuild probe', async () => {
    const r = await dojo(['check', 'lab-02', '-w', GOOD, '--format', 'json']);
    const json = r.json();
    expect(statuses(json, 'pass')).toEqual(['cache-reuse', 'image-size', 'layer-order', 'multi-stage', 'no-toolchain', 'same-layer-cleanup', 'static-binary']);
    expect(r.code).toBe(0);
    const probe = json.checks.find((c: { id: string }) => c.id === 'cache-reuse');
    expect(probe.summary).toMatch(/"RUN go mod download" came from cache/);
    // The builder the engine offers dojo: classic on 20.10 without buildx, BuildKit on the 26 leg.
    expect(probe.evidence[0]).toMatch(/changed only main\.go between two builds \((classic builder|BuildKit \(docker buildx \d+\.\d+\.\d+\))\)$/);
  });
});

describe.each(variants)('variant $name', (variant) => {
  for (const lab of LABS.filter((l) => variant.expect[l])) {
    it(`${lab}: fails exactly ${variant.expect[lab]!.fail.join(', ') || 'nothing'}`, async () => {
      const skip = lab === 'lab-02' && !variant.expect[lab]!.fail.includes('cache-reuse') ? ['--skip', 'cache-reuse'] : [];
      const r = await dojo(['check', lab, '-w', `${WORK}/${variant.name}`, '--format', 'json', ...skip]);
      const json = r.json();
      expect(statuses(json, 'fail')).toEqual([...variant.expect[lab]!.fail].sort());
      expect(statuses(json, 'error')).toEqual([...(variant.expect[lab]!.error ?? [])].sort());
      // A failure is exit 1; otherwise anything dojo could not judge (an error, lab-01's ungraded quiz) is exit 4.
      expect(r.code).toBe(variant.expect[lab]!.fail.length ? 1 : variant.expect[lab]!.error?.length || lab === 'lab-01' ? 4 : 0);
      for (const c of json.checks.filter((k: { status: string }) => k.status === 'fail')) {
        expect(c.evidence.length, `${c.id} shows evidence`).toBeGreaterThan(0);
        expect(c.question, `${c.id} asks a guiding question`).toMatch(/\?/);
      }
    });
  }
});

describe('evidence names what dojo saw', () => {
  it('copy-before-deps: the probe says which step broke the cache', async () => {
    const json = (await dojo(['check', 'lab-02', '-w', `${WORK}/copy-before-deps`, '--only', 'cache-reuse', '--format', 'json'])).json();
    const probe = json.checks.find((c: { id: string }) => c.id === 'cache-reuse');
    expect(probe.summary).toMatch(/"RUN go mod download" ran again/);
    expect(probe.evidence).toContainEqual("the cache broke at: COPY . .");
  });

  it('dynamic-binary: exit code and the last log line of the throwaway container', async () => {
    const json = (await dojo(['check', 'lab-01', '-w', `${WORK}/dynamic-binary`, '--only', 'container-starts', '--format', 'json'])).json();
    expect(json.checks.find((c: { id: string }) => c.id === 'container-starts').evidence).toEqual(
      expect.arrayContaining([expect.stringMatching(/exit code \d+|engine:/), expect.stringContaining('no such file or directory')]),
    );
  });

  it('stale-image: a fixed Dockerfile with an old image says rebuild, and asks the image-stale question', async () => {
    const json = (await dojo(['check', 'lab-01', '-w', `${WORK}/stale-image`, '--format', 'json'])).json();
    for (const id of ['exec-form', 'container-starts']) {
      const c = json.checks.find((k: { id: string }) => k.id === id);
      expect(c.summary, id).toMatch(/was not built from the current api-service\/Dockerfile: rebuild, then check again/);
      expect(c.mistake, id).toBe('image-stale');
      expect(c.evidence[0], id).toMatch(/^CMD: the Dockerfile says \["\/app\/api-service"\], the image has \["\/bin\/sh","-c",/);
    }
  });

  it('dynamic-on-debian: a dynamically linked binary whose loader the base ships can run', async () => {
    const json = (await dojo(['check', 'lab-02', '-w', `${WORK}/dynamic-on-debian`, '--only', 'static-binary', '--format', 'json'])).json();
    const c = json.checks.find((k: { id: string }) => k.id === 'static-binary');
    expect(c.status).toBe('pass');
    expect(c.evidence[0]).toMatch(/asks for the loader \/lib64\/ld-linux/);
  });

  it('rm-later-layer: the Dockerfile lines and the layer size from history', async () => {
    const json = (await dojo(['check', 'lab-02', '-w', `${WORK}/rm-later-layer`, '--only', 'same-layer-cleanup', '--format', 'json'])).json();
    expect(json.checks[2].evidence).toEqual([
      'api-service/Dockerfile:11  COPY --from=build /out/assets.tar /tmp/assets.tar  (layer: 3.0 MB)',
      'api-service/Dockerfile:13  RUN rm -f /tmp/assets.tar  (rm /tmp/assets.tar: deletes /tmp/assets.tar in a later layer)',
    ]);
  });

  it('single-stage: size, largest layers and toolchain paths', async () => {
    const json = (await dojo(['check', 'lab-02', '-w', `${WORK}/single-stage`, '--skip', 'cache-reuse', '--format', 'json'])).json();
    const byId = Object.fromEntries(json.checks.map((c: { id: string }) => [c.id, c]));
    expect(byId['image-size'].evidence[1]).toBe('largest layers:');
    expect(byId['no-toolchain'].evidence).toContainEqual(expect.stringMatching(/^\/usr\/bin\/go -> /));
  });
});
