// dojo against the docker-CLI verify script it replaces, measured side by side in one run:
// paired runs (A/B alternating), medians, ratios against the targets of issue 5, peak RSS.
// usage: npm run bench [-- --runs 10 --quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { GOOD, imageTag, prepareAll, ROOT, WORK } from '../test/support/fixtures.mjs';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 10;
const QUICK = args.includes('--quick');
const BIN = join(ROOT, 'bin', 'dojo.js');
const BASELINE = join(ROOT, 'bench', 'verify-baseline.sh');
const RSS_PROBE = join(mkdtempSync(join(tmpdir(), 'dojo-bench-')), 'rss.cjs');
writeFileSync(RSS_PROBE, "process.on('exit', () => require('fs').appendFileSync(process.env.DOJO_RSS_FILE, process.resourceUsage().maxRSS + '\\n'));");
const env = { ...process.env, CI: 'true', FORCE_COLOR: '0' };

function time(cmd, argv, extraEnv = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, stdout: r.stdout, status: r.status };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Paired runs, alternating A and B so drift hits both alike. */
function paired(name, a, b, runs = RUNS) {
  const ta = [], tb = [];
  for (let i = 0; i < runs; i++) {
    ta.push(a().ms);
    tb.push(b().ms);
  }
  const row = { name, a: median(ta), b: median(tb), ratio: median(ta) / median(tb), runs };
  console.error(`  ${name}: ${row.a.toFixed(0)} ms vs ${row.b.toFixed(0)} ms (x${row.ratio.toFixed(2)})`);
  return row;
}

const dojo = (argv, extraEnv) => () => time('node', [BIN, ...argv], extraEnv);
const baseline = (lab, ws, img, skipBuild) => () => time('bash', [BASELINE, lab, ws, img, ...(skipBuild ? ['--skip-live-build'] : [])]);

/** The comparison is honest only if both give the same verdicts on the same workspaces. */
function assertSameVerdicts(lab, ws, img, skipLive) {
  const d = JSON.parse(time('node', [BIN, 'check', lab, '-w', ws, '--format', 'json', ...(skipLive && lab === 'lab-02' ? ['--skip', 'cache-reuse'] : [])]).stdout);
  const mine = Object.fromEntries(d.checks.filter((c) => c.status !== 'skip').map((c) => [c.id, c.status]));
  const theirs = Object.fromEntries(time('bash', [BASELINE, lab, ws, img, ...(skipLive ? ['--skip-live-build'] : [])]).stdout.trim().split('\n').map((l) => l.split(' ')));
  for (const [id, verdict] of Object.entries(theirs)) {
    if (mine[id] !== verdict) throw new Error(`verdicts differ on ${ws} ${lab} ${id}: dojo ${mine[id]}, baseline ${verdict}`);
  }
  if (Object.keys(mine).length !== Object.keys(theirs).length) throw new Error(`check sets differ on ${lab}: ${Object.keys(mine)} vs ${Object.keys(theirs)}`);
}

function peakRss(argv) {
  const file = join(tmpdir(), `dojo-rss-${process.pid}-${Date.now()}`);
  time('node', [BIN, ...argv], { NODE_OPTIONS: `--require ${RSS_PROBE}`, DOJO_RSS_FILE: file });
  return Number(readFileSync(file, 'utf8').trim().split('\n').pop()) / 1024;
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

const rows = [];
const empty = mkdtempSync(join(tmpdir(), 'dojo-bench-ws-'));
// A start-up is ~0.1 s, so more pairs cost little and steady the ratio against this machine's jitter.
const startRuns = QUICK ? RUNS : Math.max(RUNS, 30);
rows.push({ target: 1.5, ...paired('1. dojo hint lab-01 vs node -e 0', dojo(['hint', 'lab-01', '-w', empty]), () => time('node', ['-e', '0']), startRuns) });
rows.push({ target: 1.0, ...paired('2. check lab-01 (json) vs baseline', dojo(['check', 'lab-01', '--ci', '--format', 'json', '-w', good]), baseline('lab-01', good, goodImg, true)) });
rows.push({ target: 1.0, ...paired('2. check lab-02 --skip cache-reuse vs baseline', dojo(['check', 'lab-02', '--ci', '--format', 'json', '--skip', 'cache-reuse', '-w', good]), baseline('lab-02', good, goodImg, true)) });
const fullRuns = QUICK ? 3 : RUNS;
rows.push({ target: 0.5, ...paired('3. lab-01 + lab-02 in full vs sequential baseline',
  () => ({ ms: dojo(['check', 'lab-01', '--ci', '-w', good])().ms + dojo(['check', 'lab-02', '--ci', '-w', good])().ms }),
  () => ({ ms: baseline('lab-01', good, goodImg, false)().ms + baseline('lab-02', good, goodImg, false)().ms }), fullRuns) });

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
rows.push({ target: 120, name: '5. peak RSS of any dojo run (MB)', a: Math.max(...Object.values(rss)), b: null, ratio: Math.max(...Object.values(rss)), runs: 1 });

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
const engine = execFileSync('docker', ['version', '--format', '{{.Server.Version}} (API {{.Server.APIVersion}})'], { encoding: 'utf8' }).trim();
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Docker Engine ${engine}`;
const result = { date: new Date().toISOString(), commit, machine, runs: RUNS, rows, rss };
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', `${result.date.slice(0, 10)}-${commit}.json`), JSON.stringify(result, null, 2) + '\n');

const fmt = (ms) => (ms === null ? '' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
console.log(`\n${machine}; median of ${RUNS} paired runs (${startRuns} for the start-up, ${fullRuns} for the full labs), commit ${commit}\n`);
console.log('| measurement | dojo | peer | ratio | target | met |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  if (r.b === null) console.log(`| ${r.name} | ${r.a.toFixed(0)} MB | | | <= ${r.target} MB | ${r.a <= r.target ? 'yes' : 'NO'} |`);
  else console.log(`| ${r.name} | ${fmt(r.a)} | ${fmt(r.b)} | ${r.ratio.toFixed(2)} | <= ${r.target} | ${r.ratio <= r.target ? 'yes' : 'NO'} |`);
}
