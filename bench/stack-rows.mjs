// The lab-03 and lab-04 rows: dojo against bench/verify-baseline-stack.sh on running stacks (lab 03
// by hand with docker run, lab 04 under Compose v2). Verdicts must agree on the good and the broken
// stacks before anything is timed; the stacks are removed afterwards, also when something failed.
import { join } from 'node:path';
import { ROOT } from '../test/support/fixtures.mjs';
import { assertSameVerdicts, baselineVerdicts, dojo, dojoVerdicts, paired, peakRss, time } from './measure.mjs';
import { leftovers, setUp, teardown } from './stacks.mjs';

const BASELINE = join(ROOT, 'bench', 'verify-baseline-stack.sh');
// lab 04 is timed with Compose v2 on both sides (dojo would also find v1 first if v2 were missing).
const ENV = { 'lab-03': {}, 'lab-04': { DOJO_COMPOSE: 'v2' } };

/** @returns {Promise<{rows: object[], rss: Record<string, number>}>} */
export async function stackRows(runs) {
  console.error('bench: starting the lab-03 and lab-04 stacks');
  try {
    const scenarios = await setUp();
    for (const [lab, list] of Object.entries(scenarios)) {
      for (const s of list) {
        const mine = dojoVerdicts(lab, s.ws, [], ENV[lab]);
        assertSameVerdicts(`${lab} ${s.name}`, mine, baselineVerdicts(BASELINE, s.baseline));
        const failed = Object.keys(mine).filter((id) => mine[id] !== 'pass').sort();
        if (failed.join() !== [...s.fails].sort().join()) throw new Error(`${lab} ${s.name}: expected ${s.fails.join(', ') || 'no failures'}, got ${failed.join(', ') || 'none'}`);
      }
    }
    console.error('bench: verdicts of dojo and the stack baseline agree on the good and broken stacks');
    const rows = [], rss = {};
    for (const lab of ['lab-03', 'lab-04']) {
      const good = scenarios[lab][0];
      rows.push({ target: 1.0, ...paired(`2. check ${lab} (json) vs baseline`, dojo(['check', lab, '--ci', '--format', 'json', '-w', good.ws], ENV[lab]), () => time('bash', [BASELINE, ...good.baseline]), runs) });
      rss[`check ${lab}`] = peakRss(['check', lab, '-w', good.ws], ENV[lab]);
    }
    return { rows, rss };
  } finally {
    teardown();
    const left = leftovers();
    if (left.length) console.error(`bench: WARNING, left on the engine: ${left.join(' ')}`);
    else console.error('bench: the lab-03 and lab-04 stacks are removed');
  }
}
