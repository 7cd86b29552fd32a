// The workspaces the gate row measures, set up as test/engine/gate.test.ts does: the FlowForge
// stack's files and images, a lab-03 trio started by hand (api-service hardened for lab 05), the
// lab-04 Compose stack, and the lab-05 break-fix scenarios started by `dojo lab start` and fixed as a
// student would. The broken copy has a mistake in labs 01, 04 and 05. Every name starts with
// `${PREFIX}-gate` (the scenarios' too, through a course copy), and teardown() removes all of it.
import { execFileSync } from 'node:child_process';
import { chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../test/support/fixtures.mjs';
import { buildStackImages, IMAGES, materializeStack, STACK } from '../test/fixtures/stacks/stack.mjs';
import { BIN } from './measure.mjs';
import { LABEL, PREFIX } from './stacks.mjs';

const ID = `${PREFIX}-gate`;
export const SCN = `${ID}-s5-`;
const SCENARIO_IMAGE = `dojo-scenario/${ID}:1`;
const PROJECT = `dojobenchgate${process.pid}`;
const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const dirs = [];
const HARDENED = ['--cap-drop', 'ALL', '--security-opt', 'no-new-privileges', '--read-only', '--tmpfs', '/tmp', '--memory', '64m', '--pids-limit', '50'];
const BASE = readFileSync(join(STACK, 'docker-compose.yml'), 'utf8');
const HEALTHCHECK = /^ {4}healthcheck:\n(?: {6}.*\n)+/m.exec(BASE)[0];

/** The built-in course with the scenario names and image made unique to this run. */
function courseCopy() {
  const dir = mkdtempSync(join(tmpdir(), `${ID}-course-`));
  dirs.push(dir);
  for (const sub of ['labs', 'hints', 'checks', 'scenarios']) {
    cpSync(join(ROOT, sub), join(dir, sub), { recursive: true });
    for (const f of readdirSync(join(dir, sub))) {
      const p = join(dir, sub, f);
      writeFileSync(p, readFileSync(p, 'utf8').replaceAll('dojo-scenario/lab-05:1', SCENARIO_IMAGE).replaceAll('lab05-', SCN));
    }
  }
  return dir;
}

/** node and docker only on PATH: dojo finds no scanner (the baseline does not scan either), whatever the machine has. */
function pathWithoutScanner() {
  const dir = mkdtempSync(join(tmpdir(), `${ID}-bin-`));
  dirs.push(dir);
  for (const tool of ['node', 'docker', 'docker-compose']) {
    const found = execFileSync('sh', ['-c', `command -v ${tool} || true`], { encoding: 'utf8' }).trim();
    if (found) symlinkSync(found, join(dir, tool));
  }
  return dir;
}

const dojoYaml = (api) => `services:
  api-service: { image: "${IMAGES.apiProd}", container: ${api} }
  worker-service: { image: "${IMAGES.worker}", container: ${ID}-worker }
  postgres: { container: ${ID}-pg }
compose: { project: ${PROJECT} }
probeImage: dojo-fixture/busybox:1
`;

async function until(what, ok, ms) {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`bench: ${what} within ${ms / 1000} s`);
}

/**
 * Starts everything; returns the course copy, dojo's environment and the two workspaces, each with
 * its baseline arguments and the checks that must fail there (so an agreement is never vacuous).
 */
export async function setUpGate() {
  await buildStackImages();
  const course = courseCopy();
  const env = { PATH: pathWithoutScanner(), DOJO_COMPOSE: 'v2' };
  const good = materializeStack(`${ID}-good`, {}, dojoYaml(`${ID}-api`));
  const broken = materializeStack(`${ID}-broken`, { 'api-service/.dockerignore': '.git\n*.md\n', 'docker-compose.yml': BASE.replace(HEALTHCHECK, '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres || true"]\n') }, dojoYaml(`${ID}-api-soft`));
  dirs.push(good, broken);
  mkdirSync(join(good, 'exports'));
  chownSync(join(good, 'exports'), 65532, 65532);
  docker('network', 'create', '--label', LABEL, `${ID}-net`);
  docker('volume', 'create', '--label', LABEL, `${ID}-pgdata`);
  const run = (...args) => docker('run', '-d', '--label', LABEL, '--network', `${ID}-net`, ...args);
  run('--name', `${ID}-pg`, '--network-alias', 'postgres', '-v', `${ID}-pgdata:/var/lib/postgresql/data`, '-e', 'POSTGRES_PASSWORD_FILE=/dev/null', 'dojo-fixture/postgres:15-1');
  run('--name', `${ID}-api`, ...HARDENED, '-e', 'DB_HOST=postgres', '-p', '127.0.0.1::8080', IMAGES.apiProd);
  run('--name', `${ID}-api-soft`, '-e', 'DB_HOST=postgres', '-p', '127.0.0.1::8080', IMAGES.apiProd);
  run('--name', `${ID}-worker`, '-e', 'DB_HOST=postgres', '-e', 'EXPORT_DIR=/exports', '-v', `${join(good, 'exports')}:/exports`, IMAGES.worker);
  execFileSync('docker', ['compose', '-p', PROJECT, 'up', '-d'], { cwd: good, stdio: ['ignore', 'ignore', 'pipe'] });
  const composePg = docker('ps', '-q', '--filter', `label=com.docker.compose.project=${PROJECT}`, '--filter', 'label=com.docker.compose.service=postgres');
  const healthy = (c) => docker('inspect', '-f', '{{.State.Health.Status}}', c) === 'healthy';
  await until('PostgreSQL did not become healthy', () => healthy(`${ID}-pg`) && healthy(composePg), 120_000);

  const cli = (...args) => execFileSync('node', [BIN, '--course', course, '-w', good, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  cli('lab', 'start', 'lab-05');
  const s = (n) => `${SCN}${n}`;
  docker('rm', '-f', s('api'));
  docker('run', '-d', '--name', s('api'), '-e', 'DATABASE_URL=postgres://flowforge@db:5432/ff', '-p', '127.0.0.1::8080', SCENARIO_IMAGE, 'api');
  docker('update', '--memory', '128m', '--memory-swap', '128m', s('report'));
  docker('start', s('report'));
  docker('network', 'connect', s('data'), s('worker'));
  docker('rm', '-f', s('web'));
  docker('run', '-d', '--name', s('web'), '-e', 'DATABASE_URL=x', '-e', 'LISTEN_ADDR=0.0.0.0', '-p', '127.0.0.1::8080', SCENARIO_IMAGE, 'api');
  const fixed = () => { try { cli('check', 'lab-05', '--exercise', '5b', '--ci'); return true; } catch { return false; } };
  await until('the fixed lab-05 scenarios were not judged fixed', fixed, 60_000);

  const baseline = (ws, api) => [ws, IMAGES.apiProd, api, `${ID}-worker`, `${ID}-pg`, PROJECT, SCN];
  return {
    course, env,
    workspaces: [
      { name: 'good', ws: good, baseline: baseline(good, `${ID}-api`), fails: [] },
      { name: 'broken', ws: broken, baseline: baseline(broken, `${ID}-api-soft`), fails: ['lab-01 dockerignore', 'lab-04 db-healthcheck', 'lab-05 caps-dropped', 'lab-05 read-only-rootfs', 'lab-05 resource-limits'] },
    ],
  };
}

const lines = (s) => s.split('\n').filter(Boolean);
const attempt = (cmd, args, cwd) => {
  try {
    execFileSync(cmd, args, { cwd, stdio: 'ignore' });
  } catch { /* reported by gateLeftovers() */ }
};

/** What this run left on the engine: none after teardownGate(). */
export function gateLeftovers() {
  return [
    ...lines(docker('ps', '-aq', '--filter', `name=${ID}-`)),
    ...lines(docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${PROJECT}`)),
    ...lines(docker('network', 'ls', '-q', '--filter', `name=${ID}-`)),
    ...lines(docker('volume', 'ls', '-q', '--filter', `name=${ID}-`)),
    ...lines(docker('images', '-q', SCENARIO_IMAGE)),
  ];
}

/** Each step on its own, so one that fails does not keep the rest from running. */
export function teardownGate() {
  const good = dirs.find((d) => d.endsWith(`${ID}-good`));
  if (good) attempt('docker', ['compose', '-p', PROJECT, 'down', '-v', '--remove-orphans'], good);
  const ctrs = lines(docker('ps', '-aq', '--filter', `name=${ID}-`));
  if (ctrs.length) attempt('docker', ['rm', '-f', '-v', ...ctrs]);
  const nets = lines(docker('network', 'ls', '-q', '--filter', `name=${ID}-`));
  if (nets.length) attempt('docker', ['network', 'rm', ...nets]);
  attempt('docker', ['volume', 'rm', `${ID}-pgdata`]);
  attempt('docker', ['rmi', '-f', SCENARIO_IMAGE]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
