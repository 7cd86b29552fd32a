// The whole gate against bench/verify-baseline-gate.sh, the sequential verify script of all five
// labs: `dojo checklist --ci --format json` on one student's workspace (target <= 0.5x). Verdicts must
// agree on the good and the broken workspace, and the broken one must fail exactly its mistakes,
// before anything is timed; everything is removed afterwards, also when something failed.
import { join } from 'node:path';
import { ROOT } from '../test/support/fixtures.mjs';
import { assertSameVerdicts, dojo, paired, peakRss, time } from './measure.mjs';
import { gateLeftovers, setUpGate, teardownGate } from './gate-setup.mjs';

const BASELINE = join(ROOT, 'bench', 'verify-baseline-gate.sh');

/** The gate's verdicts as "<lab> <check>" -> status; the ungraded quiz and the skipped scan have none on either side. */
function gateVerdicts(args, env) {
  const r = dojo(['checklist', '--ci', '--format', 'json', ...args], env)();
  if (!r.stdout.trim()) throw new Error(`dojo checklist printed nothing (exit ${r.status}): ${r.stderr}`);
  const json = JSON.parse(r.stdout);
  return Object.fromEntries(json.labs.flatMap((l) => l.checks.filter((c) => c.status !== 'skip').map((c) => [`${l.lab} ${c.id}`, c.status])));
}

/** @returns {Promise<{rows: object[], rss: Record<string, number>}>} */
export async function gateRows(runs) {
  console.error('bench: setting up the gate workspaces (five labs, lab-05 scenarios)');
  try {
    const { course, env, workspaces } = await setUpGate();
    for (const w of workspaces) {
      const mine = gateVerdicts(['--course', course, '-w', w.ws], env);
      // baselineVerdicts splits "<lab> <check> <verdict>" on spaces: join the first two back.
      const theirs = Object.fromEntries(time('bash', [BASELINE, ...w.baseline]).stdout.trim().split('\n').map((l) => {
        const [lab, id, verdict] = l.split(' ');
        return [`${lab} ${id}`, verdict];
      }));
      assertSameVerdicts(`gate ${w.name}`, mine, theirs);
      const failed = Object.keys(mine).filter((id) => mine[id] !== 'pass').sort();
      if (failed.join() !== [...w.fails].sort().join()) throw new Error(`gate ${w.name}: expected ${w.fails.join(', ') || 'no failures'}, got ${failed.join(', ') || 'none'}`);
    }
    console.error('bench: verdicts of the gate and the sequential baseline agree on the good and broken workspaces');
    const good = workspaces[0];
    const row = paired('6. the whole gate (checklist --ci, json) vs sequential baseline', dojo(['checklist', '--ci', '--format', 'json', '--course', course, '-w', good.ws], env), () => time('bash', [BASELINE, ...good.baseline]), runs);
    return { rows: [{ target: 0.5, ...row }], rss: { checklist: peakRss(['checklist', '--ci', '--course', course, '-w', good.ws], env) } };
  } finally {
    teardownGate();
    const left = gateLeftovers();
    if (left.length) console.error(`bench: WARNING, left on the engine: ${left.join(' ')}`);
    else console.error('bench: the gate workspaces are removed');
  }
}
