// Labs 01 and 02 on the real engine: the good FlowForge workspace passes, each broken variant fails
// exactly the checks of its mistake (variant.yaml `expect`). Run on Engine 20.10 only: the verdict
// table (verdict-table.test.ts) carries these verdicts and exit codes to every other engine, and
// asserts there what an engine or builder words differently (evidence, questions, the cache probe).
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
    expect(statuses(r.json(), 'pass')).toEqual(['cache-reuse', 'image-size', 'layer-order', 'multi-stage', 'no-toolchain', 'same-layer-cleanup', 'static-binary']);
    expect(r.code).toBe(0);
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
    });
  }
});
