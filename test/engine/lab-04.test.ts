// Lab 04 on a real engine, once with Compose v1 (docker-compose 1.29) and once with Compose v2
// (the docker compose plugin): the same FlowForge stack is brought up with each, and the same
// verdict table is asserted for the correct files and for each broken variant. Everything the test
// starts belongs to its own Compose projects and is taken down (with volumes) in afterAll.
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { VerdictTable } from '../support/verdict-table.js';
import { buildStackImages, IMAGES, materializeStack, STACK } from '../fixtures/stacks/stack.mjs';

const BASE = readFileSync(join(STACK, 'docker-compose.yml'), 'utf8');
const OVERRIDE = readFileSync(join(STACK, 'docker-compose.override.yml'), 'utf8');
const edit = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`fixture edit: "${from}" not found`);
  return text.replace(from, to);
};
const PASS = {
  'compose-valid': 'pass', 'db-healthcheck': 'pass', 'depends-healthy': 'pass', 'no-plaintext-secrets': 'pass', 'worker-unpublished': 'pass', 'stack-healthy': 'pass',
  'down-keeps-data': 'pass', 'dev-override': 'pass', 'dev-image-has-toolchain': 'pass', profiles: 'pass',
};
const API_DEPENDS = '    depends_on:\n      postgres:\n        condition: service_healthy\n\n  worker-service:';
const HEALTHCHECK = '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U postgres"]\n      interval: 2s\n      timeout: 3s\n      retries: 15\n';

/** Each variant: the files it changes and the verdicts it must get (the rest pass). */
const VARIANTS: Record<string, { files: Record<string, string | null>; expect: Record<string, string>; live?: boolean }> = {
  good: { files: {}, expect: {} },
  'plain-depends': { files: { 'docker-compose.yml': edit(BASE, API_DEPENDS, '    depends_on: [postgres]\n\n  worker-service:') }, expect: { 'depends-healthy': 'fail' } },
  // None in the compose file: the fixture postgres image brings a HEALTHCHECK (the official one does
  // not), and Compose uses it, so this one passes; the rule without any is proven in the unit tests.
  'no-healthcheck': { files: { 'docker-compose.yml': edit(BASE, HEALTHCHECK, '') }, expect: {} },
  'always-healthy': { files: { 'docker-compose.yml': edit(BASE, HEALTHCHECK, '    healthcheck:\n      test: ["CMD-SHELL", "pg_isready -U postgres || true"]\n') }, expect: { 'db-healthcheck': 'fail' } },
  'literal-password': { files: { 'docker-compose.yml': edit(BASE, 'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}', 'POSTGRES_PASSWORD: literal-pw-98765') }, expect: { 'no-plaintext-secrets': 'fail' } },
  'bind-data': { files: { 'docker-compose.yml': edit(BASE, '      - pgdata:/var/lib/postgresql/data', '      - ./pgdata:/var/lib/postgresql/data') }, expect: { 'down-keeps-data': 'fail' } },
  'source-in-base': { files: { 'docker-compose.yml': edit(BASE, '    image: dojo-test/stack-api:prod\n', '    image: dojo-test/stack-api:prod\n    volumes:\n      - ./api-service:/src\n') }, expect: { 'dev-override': 'fail' } },
  'dev-without-toolchain': { files: { 'docker-compose.override.yml': edit(edit(OVERRIDE, 'target: dev', 'target: prod'), 'dojo-test/stack-api:dev', 'dojo-test/stack-api:prod') }, expect: { 'dev-image-has-toolchain': 'fail' } },
  'tools-without-profile': { files: { 'docker-compose.yml': edit(BASE, '    profiles: [tools]\n', '') }, expect: { profiles: 'fail' } },
  'bad-condition': { files: { 'docker-compose.yml': edit(BASE, API_DEPENDS, '    depends_on:\n      postgres:\n        condition: service_ready\n\n  worker-service:') }, expect: { 'compose-valid': 'fail', ...errorsWhenInvalid() } },
  'broken-yaml': { files: { 'docker-compose.yml': edit(BASE, '    image: dojo-test/stack-worker:prod\n', '    image: dojo-test/stack-worker:prod\n   environment: {}\n') }, expect: { 'compose-valid': 'fail', ...errorsWhenInvalid() } },
  // Walkthrough 03/04, items 6-9.
  'default-password': { files: { 'docker-compose.yml': edit(BASE, 'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}', 'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-s3cretpw}') }, expect: { 'no-plaintext-secrets': 'fail' } },
  'url-password': { files: { 'docker-compose.yml': edit(BASE, '      DB_PASSWORD: ${POSTGRES_PASSWORD}\n', '      DB_PASSWORD: ${POSTGRES_PASSWORD}\n      DATABASE_URL: postgres://flowforge:s3cretpw@postgres:5432/flowforge\n') }, expect: { 'no-plaintext-secrets': 'fail' } },
  'db-pass': { files: { 'docker-compose.yml': edit(BASE, '      DB_PASSWORD: ${POSTGRES_PASSWORD}\n', '      DB_PASS: s3cretpw\n') }, expect: { 'no-plaintext-secrets': 'fail' } },
  'worker-port': { files: { 'docker-compose.yml': edit(BASE, '    image: dojo-test/stack-worker:prod\n', '    image: dojo-test/stack-worker:prod\n    ports: ["127.0.0.1::9090"]\n') }, expect: { 'worker-unpublished': 'fail' } },
  'dev-entrypoint': { files: { 'docker-compose.override.yml': edit(OVERRIDE, 'command: ["go", "run", "."]', 'entrypoint: ["go", "run", "."]') }, expect: {} },
  'dev-mount-elsewhere': { files: { 'docker-compose.override.yml': edit(edit(OVERRIDE, 'command: ["go", "run", "."]', 'command: ["/api-service"]'), './api-service:/src', './api-service:/app') }, expect: { 'dev-override': 'fail' } },
  'other-profile': { files: { 'docker-compose.yml': edit(BASE, '    profiles: [tools]\n', '    profiles: [tool]\n') }, expect: {} },
  'db-shell-in-dev-file': {
    files: { 'docker-compose.override.yml': null, 'docker-compose.dev.yml': `${OVERRIDE}\n${BASE.slice(BASE.indexOf('  db-shell:'), BASE.indexOf('volumes:\n  pgdata:'))}`, 'docker-compose.yml': BASE.slice(0, BASE.indexOf('  db-shell:')) + BASE.slice(BASE.indexOf('volumes:\n  pgdata:')) },
    expect: {},
  },
  // Item 14: the override builds the dev target but inherits the base file's production tag.
  'dev-same-tag': { files: { 'docker-compose.override.yml': edit(OVERRIDE, '    image: dojo-test/stack-api:dev\n', '') }, expect: { 'dev-image-has-toolchain': 'fail' } },
  // Items 17, 18.
  'true-healthcheck': { files: { 'docker-compose.yml': edit(BASE, HEALTHCHECK, '    healthcheck:\n      test: "true"\n') }, expect: { 'db-healthcheck': 'fail' } },
  'disabled-healthcheck': { files: { 'docker-compose.yml': edit(BASE, HEALTHCHECK, '    healthcheck:\n      disable: true\n') }, expect: { 'db-healthcheck': 'fail', 'depends-healthy': 'fail' } },
  'health-starting': {
    files: { 'docker-compose.yml': edit(edit(edit(BASE, API_DEPENDS, '    depends_on: [postgres]\n\n  worker-service:'), 'interval: 2s', 'interval: 600s'), '    depends_on:\n      postgres:\n        condition: service_healthy\n\n  db-shell:', '    depends_on: [postgres]\n\n  db-shell:') },
    expect: { 'depends-healthy': 'fail', 'stack-healthy': 'error' }, live: true,
  },
  'unhealthy-db': { files: { 'docker-compose.yml': edit(BASE, '"pg_isready -h 127.0.0.1 -U postgres"', '"exit 1"') }, expect: { 'stack-healthy': 'fail' }, live: true },
};
function errorsWhenInvalid() {
  return Object.fromEntries(['db-healthcheck', 'depends-healthy', 'no-plaintext-secrets', 'worker-unpublished', 'down-keeps-data', 'dev-override', 'dev-image-has-toolchain', 'profiles'].map((k) => [k, 'error']));
}

const COMPOSE = {
  v1: { env: 'v1', cmd: (args: string[]) => ['docker-compose', args] as const },
  v2: { env: 'v2', cmd: (args: string[]) => ['docker', ['compose', ...args]] as const },
};
type Version = keyof typeof COMPOSE;
/** Both by default; the Engine 26.1 leg of `npm test` runs Compose v2 only (DOJO_TEST_COMPOSE=v2), as Docker 26 ships it. */
const VERSIONS = (process.env.DOJO_TEST_COMPOSE ?? 'v1,v2').split(',') as Version[];
const project = (v: Version, name: string) => `l4${v}${name.replace(/-/g, '')}${process.pid}`;
const compose = (v: Version, dir: string, args: string[]) => {
  const [cmd, a] = COMPOSE[v].cmd(args);
  return execa(cmd, [...a], { cwd: dir, reject: false });
};
const dirs: Record<string, string> = {};
const before: Record<string, string> = {};
/** id, start time and state of each container of a project, sorted: any restart or replacement changes it. */
const stackState = async (p: string) => {
  const ids = (await execa('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${p}`])).stdout.trim().split('\n').filter(Boolean);
  return (await execa('docker', ['inspect', '-f', '{{.Id}} {{.State.StartedAt}} {{.State.Status}}', ...ids])).stdout.split('\n').sort().join('\n');
};
const started: { v: Version; dir: string; project: string }[] = [];
/** Rows keyed by Compose version and variant (compose-v2/good), never by this run's project names. */
const table = new VerdictTable('lab-04', [
  { rows: / compose-v1\//, why: 'Compose v1 (docker-compose 1.29) is not run on Engine 26.1: Docker 26 ships Compose v2 only (DOJO_TEST_COMPOSE=v2)', absent: true },
]);

function workspace(v: Version, name: string, runningProject: string) {
  const dojoYaml = `services:\n  api-service: { image: "${IMAGES.apiProd}" }\n  worker-service: { image: "${IMAGES.worker}" }\ncompose: { project: ${runningProject} }\n`;
  return (dirs[`${v}/${name}`] = materializeStack(`${v}-${name}`, VARIANTS[name]!.files, dojoYaml));
}

async function waitFor(v: Version, p: string, what: (status: string) => boolean) {
  for (let i = 0; i < 120; i++) {
    const ids = (await execa('docker', ['ps', '-q', '--filter', `label=com.docker.compose.project=${p}`, '--filter', 'label=com.docker.compose.service=postgres'])).stdout.trim();
    if (ids && what((await execa('docker', ['inspect', '-f', '{{.State.Health.Status}}', ids])).stdout.trim())) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`postgres of ${p} (${v}) did not reach the expected health`);
}

beforeAll(async () => {
  await buildStackImages();
  await Promise.all(VERSIONS.map(async (v) => {
    const good = project(v, 'good');
    for (const name of Object.keys(VARIANTS)) workspace(v, name, VARIANTS[name]!.live ? project(v, name) : good);
    const up = async (name: string, args: string[]) => {
      const p = project(v, name);
      started.push({ v, dir: dirs[`${v}/${name}`]!, project: p });
      const r = await compose(v, dirs[`${v}/${name}`]!, ['-p', p, 'up', '-d', ...args]);
      if (r.exitCode !== 0) throw new Error(`compose ${v} up ${p} failed:\n${r.stderr}`);
      return p;
    };
    await up('good', []);
    await up('unhealthy-db', ['--no-deps', 'postgres']);
    await up('health-starting', []);
    await waitFor(v, good, (s) => s === 'healthy');
    // Item 4: Compose v2 stamps the images it builds with project and service labels; a container
    // `docker run` from such an image carries them too, stopped here, and is no part of the stack.
    await execa('docker', ['run', '--name', `${INTRUDER}${v}`, '--label', 'io.dojo.testobj=1', await intruderImage(good), 'true']);
    before[v] = await stackState(good);
  }));
}, 300_000);

const INTRUDER = `l4intr${process.pid}`;
const intruderImages: string[] = [];
/** Untagged on purpose: a tagged busybox image could be picked as the probe image by a concurrent dojo run. */
async function intruderImage(p: string) {
  const r = await execa('docker', ['build', '-q', '--label', `com.docker.compose.project=${p}`, '--label', 'com.docker.compose.service=worker-service', '--label', 'com.docker.compose.version=2.26.1', '--label', 'io.dojo.testobj=1', '-'],
    { input: 'FROM dojo-fixture/busybox:1\n', env: { DOCKER_BUILDKIT: '0' } });
  intruderImages.push(r.stdout.trim());
  return r.stdout.trim();
}

afterAll(async () => {
  await execa('docker', ['rm', '-f', `${INTRUDER}v1`, `${INTRUDER}v2`], { reject: false });
  if (intruderImages.length) await execa('docker', ['rmi', ...intruderImages], { reject: false });
  for (const s of started) await compose(s.v, s.dir, ['-p', s.project, 'down', '-v', '--remove-orphans']);
});

const check = async (v: Version, ws: string) => {
  const r = await dojo(['check', 'lab-04', '-w', ws, '--format', 'json'], { DOJO_COMPOSE: COMPOSE[v].env });
  type C = { id: string; status: string; summary: string; evidence: string[]; question: string | null; mistake: string | null; location: { file: string; line: number } | null };
  if (!r.stdout.trim()) throw new Error(`dojo printed nothing (exit ${r.code}): ${r.stderr}`);
  const json = r.json();
  return { code: r.code, raw: r.stdout, byId: Object.fromEntries(json.checks.map((c: C) => [c.id, c])) as Record<string, C> };
};

// Without any Compose installed, dojo merges the files itself and says so; the verdicts it can
// reach without Compose's own validation are the same (run against the v2 stack).
describe('lab 04 verdicts with the fallback reader (no Compose installed)', () => {
  for (const name of ['good', 'plain-depends', 'literal-password', 'source-in-base', 'broken-yaml']) {
    it(name, async () => {
      const r = await dojo(['check', 'lab-04', '-w', dirs[`v2/${name}`]!, '--format', 'json'], { DOJO_COMPOSE: 'none' });
      table.report('lab-04', `no-compose/${name}`, r.code, r.json().checks);
      const byId = Object.fromEntries(r.json().checks.map((c: { id: string; status: string }) => [c.id, c.status]));
      expect(byId).toEqual({ ...PASS, ...VARIANTS[name]!.expect });
      if (name === 'good') expect(r.json().checks[0].evidence.join(' ')).toMatch(/neither `docker compose` nor `docker-compose` is installed/);
    });
  }
});

for (const v of VERSIONS) {
  describe(`lab 04 verdicts with Compose ${v}`, () => {
    for (const [name, variant] of Object.entries(VARIANTS)) {
      it(`${name}`, async () => {
        const { code, byId } = await check(v, dirs[`${v}/${name}`]!);
        table.report('lab-04', `compose-${v}/${name}`, code, Object.values(byId));
        const want = { ...PASS, ...variant.expect };
        const got = Object.fromEntries(Object.entries(byId).map(([k, c]) => [k, c.status]));
        const detail = Object.entries(byId).filter(([k, c]) => c.status !== want[k as keyof typeof want]).map(([k, c]) => `${k}: ${c.summary} | ${c.evidence.join(' | ')}`);
        expect(got, detail.join('\n')).toEqual(want);
        expect(code).toBe(Object.values(want).every((x) => x === 'pass') ? 0 : 1);
      });
    }

    it('points at the lines of the student files, names the loader, and never prints the secret', async () => {
      const good = await check(v, dirs[`${v}/good`]!);
      expect(good.byId['compose-valid']!.evidence.join(' ')).toContain(v === 'v2' ? 'docker compose' : 'docker-compose');
      expect(good.byId['stack-healthy']!.evidence.join('\n')).toMatch(new RegExp(`postgres: ${project(v, 'good')}[-_]postgres[-_]1 running, health healthy`));
      const plain = await check(v, dirs[`${v}/plain-depends`]!);
      const lineOf = (variant: string, text: string) => VARIANTS[variant]!.files['docker-compose.yml']!.split('\n').findIndex((l) => l.includes(text)) + 1;
      const dependsLine = lineOf('plain-depends', 'depends_on: [postgres]');
      expect(plain.byId['depends-healthy']!.location).toEqual(expect.objectContaining({ file: 'docker-compose.yml', line: dependsLine }));
      expect(plain.byId['depends-healthy']!.evidence[0]).toBe(`docker-compose.yml:${dependsLine}  depends_on postgres: service_started`);
      const literal = await check(v, dirs[`${v}/literal-password`]!);
      expect(literal.raw).not.toContain('literal-pw-98765');
      expect(literal.byId['no-plaintext-secrets']!.evidence[0]).toBe(`docker-compose.yml:${lineOf('literal-password', 'literal-pw')}  postgres: POSTGRES_PASSWORD=**** (literal)`);
      const broken = await check(v, dirs[`${v}/broken-yaml`]!);
      expect(broken.byId['compose-valid']!.location?.line).toBe(lineOf('broken-yaml', '   environment: {}'));
      const bad = await check(v, dirs[`${v}/bad-condition`]!);
      expect(bad.byId['compose-valid']!.location?.line).toBeGreaterThanOrEqual(26);
      const starting = await check(v, dirs[`${v}/health-starting`]!);
      expect(starting.byId['stack-healthy']!.summary).toMatch(/^still starting in .*postgres.*\(health: starting\)$/);
      const inherited = await check(v, dirs[`${v}/no-healthcheck`]!);
      expect(inherited.byId['db-healthcheck']!.summary).toMatch(/^postgres has a healthcheck from its image \S+: pg_isready -h 127\.0\.0\.1 -U postgres \|\| exit 1$/);
      const orTrue = await check(v, dirs[`${v}/always-healthy`]!);
      expect(orTrue.byId['db-healthcheck']!.summary).toBe("postgres's healthcheck runs `pg_isready -U postgres || true`, which succeeds whether or not postgres is ready");
      const always = await check(v, dirs[`${v}/true-healthcheck`]!);
      expect(always.byId['db-healthcheck']!.summary).toBe("postgres's healthcheck runs `true`, which succeeds whether or not postgres is ready");
      expect(always.byId['db-healthcheck']!.question).toMatch(/only once PostgreSQL accepts connections/);
      const off = await check(v, dirs[`${v}/disabled-healthcheck`]!);
      expect(off.byId['depends-healthy']!.summary).toMatch(/postgres has its healthcheck disabled/);
      const same = await check(v, dirs[`${v}/dev-same-tag`]!);
      expect(same.byId['dev-image-has-toolchain']!.summary).toBe('the dev files run api-service from the production tag dojo-test/stack-api:prod: building one overwrites the other');
      const sick = await check(v, dirs[`${v}/unhealthy-db`]!);
      expect(sick.byId['stack-healthy']!.summary).toMatch(/not running .*api-service \(no container\)/);
    });

    it('names written defaults, URL passwords, the worker port line and the dev workdir, never printing a secret', async () => {
      for (const name of ['default-password', 'url-password', 'db-pass']) {
        const r = await check(v, dirs[`${v}/${name}`]!);
        expect(r.raw, name).not.toContain('s3cretpw');
      }
      expect((await check(v, dirs[`${v}/default-password`]!)).byId['no-plaintext-secrets']!.evidence[0]).toMatch(/postgres: POSTGRES_PASSWORD \$\{\.\.\.:-\*\*\*\*\} \(a default written in the file\)/);
      expect((await check(v, dirs[`${v}/url-password`]!)).byId['no-plaintext-secrets']!.summary).toMatch(/api-service: DATABASE_URL/);
      const port = await check(v, dirs[`${v}/worker-port`]!);
      expect(port.byId['worker-unpublished']!.summary).toBe('worker-service publishes 9090 on the host');
      expect(port.byId['worker-unpublished']!.location?.line).toBe(VARIANTS['worker-port']!.files['docker-compose.yml']!.split('\n').findIndex((l) => l.includes('9090')) + 1);
      const mount = await check(v, dirs[`${v}/dev-mount-elsewhere`]!);
      expect(mount.byId['dev-override']!.summary).toBe('the source is mounted at /app, but the container works in /src: it runs the copy baked into the image');
      const intruder = await check(v, dirs[`${v}/good`]!);
      expect(intruder.byId['stack-healthy']!.evidence.join('\n')).not.toContain(INTRUDER);
    });

    it('container kinds find a Compose service by its labels, whatever this Compose version names it', async () => {
      const course = fileURLToPath(new URL('../fixtures/stacks/compose-service-course', import.meta.url));
      const r = await dojo(['check', 'lab-92', '--course', course, '-w', dirs[`${v}/good`]!, '--format', 'json']);
      const checks = r.json().checks as { id: string; status: string; summary: string; mistake: string | null }[];
      table.report('lab-92', `compose-${v}/good`, r.code, checks);
      expect(checks.map((c) => [c.id, c.status])).toEqual([['pg-healthy', 'pass'], ['worker-running', 'pass']]);
      expect(checks[0]!.summary).toMatch(new RegExp(`^${project(v, 'good')}${v === 'v1' ? '_' : '-'}postgres${v === 'v1' ? '_' : '-'}1 is running and healthy$`));
    });

    it('run from a service folder, reads the project above it and writes no .dojo into the build context (item 15a)', async () => {
      const ws = dirs[`${v}/good`]!;
      const r = await dojo(['check', 'lab-04', '--only', 'compose-valid', '--format', 'json'], { DOJO_COMPOSE: COMPOSE[v].env }, join(ws, 'api-service'));
      expect(r.json().checks[0].status).toBe('pass');
      expect(r.stderr).toContain(`dojo: workspace ${ws} (found dojo.yaml there; -w chooses another)`);
      expect(existsSync(join(ws, 'api-service', '.dojo'))).toBe(false);
      expect(existsSync(join(ws, '.dojo', 'state.json'))).toBe(true);
    });

    it("left the student's stack as it was: same containers, started once, still running", async () => {
      expect(await stackState(project(v, 'good'))).toEqual(before[v]);
    });
  });
}

it("the verdict table equals every other engine's, but for Compose v1's rows where there is no v1", async () => {
  expect(await table.compare()).toEqual([]);
});
