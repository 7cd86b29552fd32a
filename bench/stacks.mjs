// The running stacks the lab-03 and lab-04 rows measure, set up as the engine tests do: lab 03 a
// FlowForge trio started by hand with docker run, lab 04 the fixture stack under Compose v2. Every
// name carries PREFIX, every container, network and volume the label io.dojo.bench=1 (Compose ones
// also their project label), and teardown() removes all of it, whatever failed before.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildStackImages, IMAGES, materializeStack, STACK } from '../test/fixtures/stacks/stack.mjs';

export const LABEL = 'io.dojo.bench=1';
export const PREFIX = `dojo-bench-${process.pid}`;
const PG = 'dojo-fixture/postgres:15-1';
const PGDATA = '/var/lib/postgresql/data';
const WORKER_UID = 65532;
const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const projects = [];
const dirs = [];

/**
 * One lab-03 trio; `broken` makes it wrong: `bridge` (default network, no named volume),
 * `published` (worker publishes a port, exports owned by root; shares `pgOf`'s PostgreSQL).
 */
function trio(name, broken, pgOf) {
  const c = { api: `${PREFIX}-${name}-api`, worker: `${PREFIX}-${name}-worker`, pg: pgOf ?? `${PREFIX}-${name}-pg` };
  const net = `${PREFIX}-${name}-net`;
  const ws = mkdtempSync(join(tmpdir(), `${PREFIX}-${name}-`));
  mkdirSync(join(ws, 'exports'));
  chownSync(join(ws, 'exports'), broken === 'published' ? 0 : WORKER_UID, broken === 'published' ? 0 : WORKER_UID);
  writeFileSync(join(ws, 'dojo.yaml'), `services:\n  api-service: { container: ${c.api} }\n  worker-service: { container: ${c.worker} }\n  postgres: { container: ${c.pg} }\n`);
  dirs.push(ws);
  const onNet = broken === 'bridge' ? [] : ['--network', net];
  const run = (...args) => docker('run', '-d', '--label', LABEL, ...args);
  if (broken !== 'bridge') docker('network', 'create', '--label', LABEL, net);
  if (pgOf) docker('network', 'connect', '--alias', 'postgres', net, pgOf);
  else {
    // Without -v the image's VOLUME gives PostgreSQL an anonymous volume.
    const volume = broken === 'bridge' ? [] : ['-v', `${docker('volume', 'create', '--label', LABEL, `${PREFIX}-${name}-pgdata`)}:${PGDATA}`];
    run('--name', c.pg, ...onNet, ...(onNet.length ? ['--network-alias', 'postgres'] : []), ...volume, '-e', 'POSTGRES_PASSWORD_FILE=/dev/null', PG);
  }
  run('--name', c.api, ...onNet, '-e', 'DB_HOST=postgres', '-p', '127.0.0.1::8080', IMAGES.apiProd);
  run('--name', c.worker, ...onNet, '-e', 'DB_HOST=postgres', '-e', 'EXPORT_DIR=/exports', '-v', `${join(ws, 'exports')}:/exports`,
    ...(broken === 'published' ? ['-p', '127.0.0.1::9000'] : []), IMAGES.worker);
  return { ws, baseline: ['lab-03', c.api, c.worker, c.pg], pg: c.pg };
}

async function waitHealthy(container) {
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    if (docker('inspect', '-f', '{{.State.Health.Status}}', container) === 'healthy') return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`bench: ${container} did not become healthy within 2 minutes`);
}

const BASE = readFileSync(join(STACK, 'docker-compose.yml'), 'utf8');
const OVERRIDE = readFileSync(join(STACK, 'docker-compose.override.yml'), 'utf8');
const edit = (text, from, to) => {
  if (!text.includes(from)) throw new Error(`bench: fixture edit: "${from}" not found`);
  return text.split(from).join(to);
};
/** The bench label on every service and volume of the base file (no check reads labels). */
const labelled = (text) => text.replace(/^ {2}([a-z-]+):\n/gm, `  $1:\n    labels: { io.dojo.bench: "1" }\n`);

/** A lab-04 workspace: the fixture stack with this base file (and override, when given), pointing dojo at the running `project`. */
function composeWorkspace(name, project, base, override) {
  const dojoYaml = `services:\n  api-service: { image: "${IMAGES.apiProd}" }\n  worker-service: { image: "${IMAGES.worker}" }\ncompose: { project: ${project} }\n`;
  const ws = materializeStack(`${PREFIX}-${name}`, { 'docker-compose.yml': labelled(base), ...(override ? { 'docker-compose.override.yml': override } : {}) }, dojoYaml);
  dirs.push(ws);
  return { ws, baseline: ['lab-04', ws, project] };
}

/** Mistakes that live only in the files, all at once: a literal password, a bind mount for the data, no profile, source in the base file, a dev image without Go. */
function fileMistakes(project) {
  let base = edit(BASE, 'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}', 'POSTGRES_PASSWORD: bench-literal-pw');
  base = edit(base, '      - pgdata:/var/lib/postgresql/data', '      - ./pgdata:/var/lib/postgresql/data');
  base = edit(base, '    profiles: [tools]\n', '');
  base = edit(base, `    image: ${IMAGES.apiProd}\n`, `    image: ${IMAGES.apiProd}\n    volumes:\n      - ./api-service:/src\n`);
  const override = edit(edit(OVERRIDE, 'target: dev', 'target: prod'), IMAGES.apiDev, IMAGES.apiProd);
  return composeWorkspace('file-mistakes', project, base, override);
}

/**
 * Starts everything and returns the scenarios per lab: the good one first, then the broken ones
 * with the checks that must fail there (so an agreement of dojo and the baseline is never vacuous).
 */
export async function setUp() {
  await buildStackImages();
  const good3 = trio('good');
  const lab03 = [
    { name: 'good', ...good3, fails: [] },
    { name: 'default-bridge', ...trio('bridge', 'bridge'), fails: ['user-network', 'name-resolution', 'named-volume', 'data-survives'] },
    { name: 'worker-published-root-exports', ...trio('published', 'published', good3.pg), fails: ['worker-unpublished', 'volume-permissions'] },
  ];
  const project = `dojobench${process.pid}`;
  const lab04 = [
    { name: 'good', ...composeWorkspace('good', project, BASE), fails: [] },
    { name: 'plain-depends', ...composeWorkspace('plain-depends', project, edit(BASE, '    depends_on:\n      postgres:\n        condition: service_healthy\n', '    depends_on: [postgres]\n')), fails: ['depends-healthy'] },
    { name: 'always-healthy', ...composeWorkspace('always-healthy', project, edit(BASE, /^ {4}healthcheck:\n(?: {6}.*\n)+/m.exec(BASE)[0], '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres || true"]\n')), fails: ['db-healthcheck'] },
    { name: 'file-mistakes', ...fileMistakes(project), fails: ['no-plaintext-secrets', 'down-keeps-data', 'profiles', 'dev-override', 'dev-image-has-toolchain'] },
  ];
  projects.push({ dir: lab04[0].ws, project });
  execFileSync('docker', ['compose', '-p', project, 'up', '-d', '--quiet-pull'], { cwd: lab04[0].ws, stdio: ['ignore', 'ignore', 'pipe'] });
  const composePg = docker('ps', '-q', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'label=com.docker.compose.service=postgres');
  await Promise.all([good3.pg, lab03[1].pg, composePg].map(waitHealthy));
  return { 'lab-03': lab03, 'lab-04': lab04 };
}

// Scoped to this run (its name prefix and its Compose projects), so a bench running beside it keeps its objects.
const scopes = () => [[`label=${LABEL}`, `name=${PREFIX}`], ...projects.map((p) => [`label=com.docker.compose.project=${p.project}`])];
const ids = (what, filters) => docker(...what, '-q', ...filters.flatMap((f) => ['--filter', f])).split('\n').filter(Boolean);

/** The containers, networks and volumes of this run still on the engine: none after teardown(). */
export function leftovers() {
  return scopes().flatMap((f) => [...ids(['ps', '-a'], f), ...ids(['network', 'ls'], f), ...ids(['volume', 'ls'], f)]);
}

/** Takes the Compose projects down, then removes what is left of this run: containers (with their volumes), networks, volumes, folders. */
export function teardown() {
  // Each step on its own: one that fails must not keep the others from running (leftovers() reports the rest).
  const attempt = (cmd, args, cwd) => {
    try {
      execFileSync(cmd, args, { cwd, stdio: 'ignore' });
    } catch { /* reported by leftovers() */ }
  };
  for (const p of projects) attempt('docker', ['compose', '-p', p.project, 'down', '-v', '--remove-orphans'], p.dir);
  for (const [what, rm] of [[['ps', '-a'], ['rm', '-f', '-v']], [['network', 'ls'], ['network', 'rm']], [['volume', 'ls'], ['volume', 'rm']]]) {
    const found = scopes().flatMap((f) => ids(what, f));
    if (found.length) attempt('docker', [...rm, ...new Set(found)]);
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
