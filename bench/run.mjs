// dojo against the docker-CLI verify scripts it replaces, measured side by side in one run:
// paired runs (A/B alternating), medians, ratios against the targets of issue 5, peak RSS.
// usage: npm run bench [-- --runs 10 --quick --only dockerfile|stack|gate|watch]
//   --only dockerfile: labs 01-02 (start-up, checks, full labs, scale); --only stack: labs 03-04 on running stacks;
//   --only gate: the whole gate (dojo checklist) against the sequential verify script of all five labs;
//   --only watch: dojo watch's re-check latency after a saved Dockerfile, in a real terminal (tmux)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { GOOD, imageTag, prepareAll, ROOT, WORK } from '../test/support/fixtures.mjs';
import { assertSameVerdicts as same, baselineVerdicts, dojo, dojoVerdicts, paired, peakRss, time } from './measure.mjs';
import { gateRows } from './gate-rows.mjs';
import { stackRows } from './stack-rows.mjs';
import { measureWatchLatency } from './watch-latency.mjs';

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const RUNS = Number(flag('--runs')) || 10;
const QUICK = args.includes('--quick');
const ONLY = flag('--only');
const SECTIONS = ['dockerfile', 'stack', 'gate', 'watch'];
if (ONLY !== undefined && !SECTIONS.includes(ONLY)) throw new Error(`--only takes ${SECTIONS.join(', ')}, not ${ONLY}`);
const BASELINE = join(ROOT, 'bench', 'verify-baseline.sh');
const env = { ...process.env, CI: 'true', FORCE_COLOR: '0' };

// A start-up is ~0.1 s, so more pairs cost little and steady the ratio against this machine's jitter.
const START_RUNS = QUICK ? RUNS : Math.max(RUNS, 30);
const FULL_RUNS = QUICK ? 3 : RUNS;
const baseline = (lab, ws, img, skipBuild) => () => time('bash', [BASELINE, lab, ws, img, ...(skipBuild ? ['--skip-live-build'] : [])]);

/** The comparison is honest only if both give the same verdicts on the same workspaces. */
function assertSameVerdicts(lab, ws, img, skipLive) {
  const mine = dojoVerdicts(lab, ws, skipLive && lab === 'lab-02' ? ['--skip', 'cache-reuse'] : []);
  same(`${ws} ${lab}`, mine, baselineVerdicts(BASELINE, [lab, ws, img, ...(skipLive ? ['--skip-live-build'] : [])]));
}

function unrelatedObjects(add) {
  const label = 'io.dojo.bench=1';
  if (!add) {
    const ids = execFileSync('docker', ['ps', '-aq', '--filter', `label=${label}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
    for (let i = 0; i < ids.length; i += 50) execFileSync('docker', ['rm', '-f', ...ids.slice(i, i + 50)]);
    const imgs = execFileSync('docker', ['images', '-q', '--filter', `label=${label}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
    if (imgs.length) execFileSync('docker', ['rmi', '-f', ...new Set(imgs)]);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dojo-bench-img-'));
  for (let i = 0; i < 100; i++) {
    writeFileSync(join(dir, 'Dockerfile'), `FROM dojo-fixture/busybox:1\nLABEL ${label} n=${i}\n`);
    execFileSync('docker', ['build', '-q', '-t', `dojo-bench/unrelated:${i}`, dir], { env: { ...env, DOCKER_BUILDKIT: '0' } });
  }
  for (let i = 0; i < 200; i++) execFileSync('docker', ['create', '--label', label, 'dojo-fixture/busybox:1', 'sleep', '1']);
}

/** Labs 01 and 02 on the fixture workspaces: start-up, single checks, full labs, scale. */
async function dockerfileRows() {
  const rows = [];
  console.error('bench: preparing fixtures');
  await prepareAll();
  const good = GOOD, goodImg = imageTag('good');
  const broken = [[`${WORK}/copy-before-deps`, imageTag('copy-before-deps')], [`${WORK}/single-stage`, imageTag('single-stage')], [`${WORK}/shell-form`, imageTag('shell-form')]];
  for (const [ws, img] of [[good, goodImg], ...broken]) {
    for (const lab of ['lab-01', 'lab-02']) assertSameVerdicts(lab, ws, img, true);
  }
  assertSameVerdicts('lab-02', good, goodImg, false);
  assertSameVerdicts('lab-02', `${WORK}/copy-before-deps`, imageTag('copy-before-deps'), false);
  console.error('bench: verdicts of dojo and the baseline agree on the good and broken workspaces');

  const empty = mkdtempSync(join(tmpdir(), 'dojo-bench-ws-'));
  rows.push({ target: 1.5, ...paired('1. dojo hint lab-01 vs node -e 0', dojo(['hint', 'lab-01', '-w', empty]), () => time('node', ['-e', '0']), START_RUNS) });
  rows.push({ target: 1.0, ...paired('2. check lab-01 (json) vs baseline', dojo(['check', 'lab-01', '--ci', '--format', 'json', '-w', good]), baseline('lab-01', good, goodImg, true), RUNS) });
  rows.push({ target: 1.0, ...paired('2. check lab-02 --skip cache-reuse vs baseline', dojo(['check', 'lab-02', '--ci', '--format', 'json', '--skip', 'cache-reuse', '-w', good]), baseline('lab-02', good, goodImg, true), RUNS) });
  rows.push({ target: 0.5, ...paired('3. lab-01 + lab-02 in full vs sequential baseline',
    () => ({ ms: dojo(['check', 'lab-01', '--ci', '-w', good])().ms + dojo(['check', 'lab-02', '--ci', '-w', good])().ms }),
    () => ({ ms: baseline('lab-01', good, goodImg, false)().ms + baseline('lab-02', good, goodImg, false)().ms }), FULL_RUNS) });

  const scaleCmd = dojo(['check', 'lab-02', '--ci', '--format', 'json', '--skip', 'cache-reuse', '-w', good]);
  const without = paired('4. lab-02 (no probe), clean engine', scaleCmd, scaleCmd, Math.max(5, Math.floor(RUNS / 2)));
  console.error('bench: adding 200 unrelated containers and 100 unrelated images');
  unrelatedObjects(true);
  let withObjects;
  try {
    withObjects = paired('4. lab-02 (no probe), +200 containers +100 images', scaleCmd, scaleCmd, Math.max(5, Math.floor(RUNS / 2)));
  } finally {
    unrelatedObjects(false);
  }
  rows.push({ target: 1.2, name: '4. scale: with unrelated objects vs without', a: withObjects.a, b: without.a, ratio: withObjects.a / without.a, runs: withObjects.runs });

  const rss = {
    'hint lab-01': peakRss(['hint', 'lab-01', '-w', empty]),
    'check lab-01': peakRss(['check', 'lab-01', '-w', good]),
    'check lab-02': peakRss(['check', 'lab-02', '-w', good]),
  };
  return { rows, rss };
}

/** dojo watch on the static path: saved Dockerfile -> new verdict on a tmux screen (an absolute time, no peer). */
async function watchRows() {
  console.error('bench: preparing fixtures for dojo watch');
  await prepareAll();
  const r = await measureWatchLatency({ runs: RUNS });
  console.error(`  7. watch: median ${r.medianMs.toFixed(0)} ms, p90 ${r.p90Ms.toFixed(0)} ms, max ${r.maxMs.toFixed(0)} ms`);
  return { rows: [{ target: r.target, unit: 'ms', name: '7. dojo watch: saved Dockerfile -> new verdict on screen (median)', a: r.medianMs, b: null, ratio: r.medianMs, runs: r.runs, p90: r.p90Ms, samples: r.samples }], rss: {} };
}

const SECTION_ROWS = { dockerfile: dockerfileRows, stack: () => stackRows(RUNS), gate: () => gateRows(RUNS), watch: watchRows };
const rows = [], rss = {};
for (const section of ONLY ? [ONLY] : SECTIONS) {
  const r = await SECTION_ROWS[section]();
  rows.push(...r.rows);
  Object.assign(rss, r.rss);
}
// watch runs dojo under tmux, out of reach of the RSS probe: with --only watch there is no RSS row.
if (Object.keys(rss).length) rows.push({ target: 120, unit: 'MB', name: '5. peak RSS of any dojo run (MB)', a: Math.max(...Object.values(rss)), b: null, ratio: Math.max(...Object.values(rss)), runs: 1 });
// Each row's number is its target of issue 5; the stack rows join the single-check rows.
rows.sort((x, y) => parseInt(x.name) - parseInt(y.name));

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
const engine = execFileSync('docker', ['version', '--format', '{{.Server.Version}} (API {{.Server.APIVersion}})'], { encoding: 'utf8' }).trim();
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Docker Engine ${engine}`;
const result = { date: new Date().toISOString(), commit, machine, runs: RUNS, ...(ONLY ? { only: ONLY } : {}), rows, rss };
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', `${result.date.slice(0, 10)}-${commit}${ONLY ? `-${ONLY}` : ''}.json`), JSON.stringify(result, null, 2) + '\n');

const fmt = (ms) => (ms === null ? '' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
console.log(`\n${machine}; median of ${RUNS} paired runs${ONLY && ONLY !== 'dockerfile' ? '' : ` (${START_RUNS} for the start-up, ${FULL_RUNS} for the full labs)`}, commit ${commit}${ONLY ? `, --only ${ONLY}` : ''}\n`);
console.log('| measurement | dojo | peer | ratio | target | met |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  if (r.b === null) console.log(`| ${r.name} | ${r.a.toFixed(0)} ${r.unit} | | | <= ${r.target} ${r.unit} | ${r.a <= r.target ? 'yes' : 'NO'} |`);
  else console.log(`| ${r.name} | ${fmt(r.a)} | ${fmt(r.b)} | ${r.ratio.toFixed(2)} | <= ${r.target} | ${r.ratio <= r.target ? 'yes' : 'NO'} |`);
}
