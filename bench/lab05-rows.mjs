// The lab-05 row: `dojo check lab-05 --exercise 5a` against bench/verify-baseline-lab05.sh on the
// lab-05 fixture images (test/fixtures/lab05, built offline) and api-service containers started here,
// hardened right and in several wrong ways. Verdicts must agree on every scenario, and each broken
// one must fail exactly its checks, before anything is timed. Exercise 5b is not timed: its checks
// judge the break-fix scenarios of `dojo lab start`, and their time is the settle waits (up to 20 s
// for a log line) that any verify script would wait alike. The containers carry io.dojo.bench=1 and
// this run's prefix and are removed afterwards, also when something failed.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildBases, imageOf, prepareVariant, WORK } from '../test/fixtures/lab05/lab05.mjs';
import { ROOT } from '../test/support/fixtures.mjs';
import { assertSameVerdicts, baselineVerdicts, dojo, dojoVerdicts, paired, peakRss, time } from './measure.mjs';

const BASELINE = join(ROOT, 'bench', 'verify-baseline-lab05.sh');
const PREFIX = `dojo-bench-${process.pid}-l5`;
const LABEL = 'io.dojo.bench=1';
const FLAGS = { caps: ['--cap-drop', 'ALL'], nnp: ['--security-opt', 'no-new-privileges'], ro: ['--read-only', '--tmpfs', '/tmp'], memory: ['--memory', '64m'], pids: ['--pids-limit', '50'] };
const without = (drop) => Object.entries(FLAGS).flatMap(([k, v]) => (k === drop ? (k === 'ro' ? ['--tmpfs', '/tmp'] : []) : v));
/** Containers of the good image: name → docker run flags and the checks they must fail. */
const CONTAINERS = {
  good: { args: Object.values(FLAGS).flat(), fails: [] },
  'no-cap-drop': { args: without('caps'), fails: ['caps-dropped'] },
  privileged: { args: [...Object.values(FLAGS).flat(), '--privileged'], fails: ['caps-dropped'] },
  'no-memory': { args: without('memory'), fails: ['resource-limits'] },
  writable: { args: without('ro'), fails: ['read-only-rootfs'] },
};
/** Image variants (judged with the good container) and the checks they must fail. */
const IMAGES = {
  'inherits-user': [], 'user-root': ['non-root-user'], 'user-toor': ['non-root-user'], 'user-build-stage-only': ['non-root-user'],
  'from-latest': ['pinned-base'], 'arg-latest': ['pinned-base'], 'env-api-key': ['no-secrets'], 'build-arg-history': ['no-secrets'], 'dotenv-copied': ['no-secrets'],
};
const CHECK = ['check', 'lab-05', '--exercise', '5a'];
const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const dirs = [];

async function setUp() {
  await buildBases();
  const scenarios = [];
  const container = (name) => `${PREFIX}-${name}`;
  for (const [name, c] of Object.entries(CONTAINERS)) {
    docker('run', '-d', '--label', LABEL, '--name', container(name), ...c.args, imageOf('good'));
    const ws = await prepareVariant('good', { container: container(name), dirName: `${PREFIX}-${name}` });
    scenarios.push({ name: `container ${name}`, ws, image: imageOf('good'), container: container(name), fails: c.fails });
  }
  for (const [name, fails] of Object.entries(IMAGES)) {
    const ws = await prepareVariant(name, { container: container('good'), dirName: `${PREFIX}-${name}` });
    scenarios.push({ name: `image ${name}`, ws, image: imageOf(name), container: container('good'), fails });
  }
  dirs.push(...scenarios.map((s) => s.ws));
  return scenarios;
}

function teardown() {
  try {
    const ids = docker('ps', '-aq', '--filter', `label=${LABEL}`, '--filter', `name=${PREFIX}-`).split('\n').filter(Boolean);
    if (ids.length) docker('rm', '-f', '-v', ...ids);
  } catch { /* reported below */ }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  const left = docker('ps', '-aq', '--filter', `label=${LABEL}`, '--filter', `name=${PREFIX}-`);
  console.error(left ? `bench: WARNING, lab-05 containers left on the engine: ${left}` : 'bench: the lab-05 containers are removed');
}

/** @returns {Promise<{rows: object[], rss: Record<string, number>}>} */
export async function lab05Rows(runs) {
  console.error(`bench: building the lab-05 fixture images (${WORK}) and starting the api-service containers`);
  try {
    const scenarios = await setUp();
    for (const s of scenarios) {
      const mine = dojoVerdicts('lab-05', s.ws, ['--exercise', '5a']);
      // The report lists 5b's checks as not selected (skipped): dojoVerdicts leaves skips out.
      assertSameVerdicts(`lab-05 ${s.name}`, mine, baselineVerdicts(BASELINE, [s.ws, s.image, s.container]));
      const failed = Object.keys(mine).filter((id) => mine[id] !== 'pass').sort();
      if (failed.join() !== [...s.fails].sort().join()) throw new Error(`lab-05 ${s.name}: expected ${s.fails.join(', ') || 'no failures'}, got ${failed.join(', ') || 'none'}`);
    }
    console.error(`bench: verdicts of dojo and the lab-05 baseline agree on ${scenarios.length} scenarios`);
    const good = scenarios[0];
    const row = paired('2. check lab-05 --exercise 5a (json) vs baseline', dojo([...CHECK, '--ci', '--format', 'json', '-w', good.ws]), () => time('bash', [BASELINE, good.ws, good.image, good.container]), runs);
    return { rows: [{ target: 1.0, ...row }], rss: { 'check lab-05': peakRss([...CHECK, '-w', good.ws]) } };
  } finally {
    teardown();
  }
}
