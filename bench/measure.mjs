// How the bench times things: one process per measurement, paired A/B runs, medians, peak RSS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../test/support/fixtures.mjs';

export const BIN = join(ROOT, 'bin', 'dojo.js');
const env = { ...process.env, CI: 'true', FORCE_COLOR: '0' };

export function time(cmd, argv, extraEnv = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, stdout: r.stdout, stderr: r.stderr, status: r.status };
}
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Paired runs, alternating A and B so drift hits both alike. */
export function paired(name, a, b, runs) {
  const ta = [], tb = [];
  for (let i = 0; i < runs; i++) {
    ta.push(a().ms);
    tb.push(b().ms);
  }
  const row = { name, a: median(ta), b: median(tb), ratio: median(ta) / median(tb), runs };
  console.error(`  ${name}: ${row.a.toFixed(0)} ms vs ${row.b.toFixed(0)} ms (x${row.ratio.toFixed(2)})`);
  return row;
}

/** A dojo run as a thunk for `paired`. */
export const dojo = (argv, extraEnv) => () => time('node', [BIN, ...argv], extraEnv);

/** dojo's check verdicts on a workspace, skipped checks left out. */
export function dojoVerdicts(lab, ws, extraArgs = [], extraEnv = {}) {
  const r = time('node', [BIN, 'check', lab, '-w', ws, '--format', 'json', ...extraArgs], extraEnv);
  if (!r.stdout.trim()) throw new Error(`dojo check ${lab} -w ${ws} printed nothing (exit ${r.status}): ${r.stderr}`);
  return Object.fromEntries(JSON.parse(r.stdout).checks.filter((c) => c.status !== 'skip').map((c) => [c.id, c.status]));
}

/** A baseline script's "<check-id> <verdict>" lines as an object. */
export const baselineVerdicts = (script, argv) =>
  Object.fromEntries(time('bash', [script, ...argv]).stdout.trim().split('\n').map((l) => l.split(' ')));

/** The comparison is honest only if both give the same verdicts on the same workspace. */
export function assertSameVerdicts(what, mine, theirs) {
  for (const [id, verdict] of Object.entries(theirs)) {
    if (mine[id] !== verdict) throw new Error(`verdicts differ on ${what} ${id}: dojo ${mine[id]}, baseline ${verdict}`);
  }
  if (Object.keys(mine).length !== Object.keys(theirs).length) throw new Error(`check sets differ on ${what}: ${Object.keys(mine)} vs ${Object.keys(theirs)}`);
}

/** Peak resident memory of one dojo run, in MB, reported by a preloaded script as the process exits. */
export function peakRss(argv, extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dojo-bench-rss-'));
  try {
    writeFileSync(join(dir, 'rss.cjs'), "process.on('exit', () => require('fs').appendFileSync(process.env.DOJO_RSS_FILE, process.resourceUsage().maxRSS + '\\n'));");
    time('node', [BIN, ...argv], { ...extraEnv, NODE_OPTIONS: `--require ${join(dir, 'rss.cjs')}`, DOJO_RSS_FILE: join(dir, 'rss') });
    // The process that exits last, dojo itself, writes the last line.
    return Number(readFileSync(join(dir, 'rss'), 'utf8').trim().split('\n').pop()) / 1024;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
