// The runtime check kinds on a real engine: the test plays the student, sets up a small FlowForge
// runtime (containers, network, volume, a Compose project) right and wrong, and asserts verdicts.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dojo } from '../support/cli.js';
import { waitHealthy } from '../support/health.js';
import { tempWorkspace } from '../support/workspace.js';

const COURSE = fileURLToPath(new URL('../fixtures/runtime-course', import.meta.url));
const id = `${process.pid}`;
const LABEL = 'io.dojo.testobj=1';
const docker = (...args: string[]) => execa('docker', args).then((r) => String(r.stdout).trim());

const compose = (project: string, api: string) => `services:
  postgres:
    image: dojo-fixture/postgres:15-1
    volumes:
      - pgdata:/var/lib/postgresql/data
    labels: ["${LABEL}"]
  api-service:
    image: ${api}
    depends_on:
      postgres:
        condition: service_healthy
    labels: ["${LABEL}"]
volumes:
  pgdata:
    labels: ["${LABEL}"]
`;
const brokenCompose = `services:
  postgres:
    image: dojo-fixture/postgres:15-1
    volumes:
      - ./data:/var/lib/postgresql/data
  api-service:
    image: dojo-test/api-service:good
    depends_on: [postgres]
`;

function workspace(tag: string, files: Record<string, string>) {
  return tempWorkspace({
    'dojo.yaml': `services:
  api-service: { image: "${tag === 'good' ? 'dojo-test/api-service:good' : `dojo-test/secret-env:${id}`}", container: "rt-api-${tag}-${id}" }
  postgres: { image: "dojo-fixture/postgres:15-1", container: "rt-pg-${tag}-${id}" }
network: rt-net-${tag}-${id}
volume: rt-pgdata-${tag}-${id}
compose: { files: [docker-compose.yml], project: rt${tag}${id} }
`,
    ...files,
  });
}

let good = '';
let bad = '';
beforeAll(async () => {
  // A "student" image with a secret baked in and no USER.
  const ctx = tempWorkspace({ Dockerfile: 'FROM dojo-fixture/busybox:1\nENV DB_PASSWORD=rt-secret-value-123\nEXPOSE 9090\nCMD ["sleep", "3600"]\n' });
  await execa('docker', ['build', '-q', '--label', LABEL, '-t', `dojo-test/secret-env:${id}`, ctx], { env: { DOCKER_BUILDKIT: '0' } });

  good = workspace('good', { 'docker-compose.yml': compose(`rtgood${id}`, 'dojo-test/api-service:good') });
  await docker('network', 'create', '--label', LABEL, `rt-net-good-${id}`);
  await docker('volume', 'create', '--label', LABEL, `rt-pgdata-good-${id}`);
  await docker('run', '-d', '--label', LABEL, '--name', `rt-pg-good-${id}`, '--network', `rt-net-good-${id}`, '--network-alias', 'postgres',
    '-v', `rt-pgdata-good-${id}:/var/lib/postgresql/data`, 'dojo-fixture/postgres:15-1');
  await docker('run', '-d', '--label', LABEL, '--name', `rt-api-good-${id}`, '--network', `rt-net-good-${id}`, '-p', '127.0.0.1::8080', 'dojo-test/api-service:good');

  bad = workspace('bad', { 'docker-compose.yml': brokenCompose });
  await docker('network', 'create', '--label', LABEL, `rt-net-bad-${id}`);
  await docker('run', '-d', '--label', LABEL, '--name', `rt-pg-bad-${id}`, '--cap-add', 'SYS_ADMIN', 'dojo-fixture/postgres:15-1');
  await docker('run', '-d', '--label', LABEL, '--name', `rt-api-bad-${id}`, '--network', `rt-net-bad-${id}`, '-p', '127.0.0.1::9090', '-p', '127.0.0.1::8080', `dojo-test/secret-env:${id}`);

  await execa('docker-compose', ['-p', `rtgood${id}`, '-f', `${good}/docker-compose.yml`, 'up', '-d'], { cwd: good });
  await Promise.all([waitHealthy(`rt-pg-good-${id}`), waitHealthy(`rt-pg-bad-${id}`)]);
  await waitHealthy(String(await docker('ps', '-q', '--filter', `label=com.docker.compose.project=rtgood${id}`, '--filter', 'label=com.docker.compose.service=postgres')));
}, 300_000);

afterAll(async () => {
  await execa('docker-compose', ['-p', `rtgood${id}`, '-f', `${good}/docker-compose.yml`, 'down', '-v'], { cwd: good, reject: false });
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  if (ids.length) await execa('docker', ['rm', '-f', '-v', ...ids], { reject: false });
  for (const t of ['good', 'bad']) await execa('docker', ['network', 'rm', `rt-net-${t}-${id}`], { reject: false });
  await execa('docker', ['volume', 'rm', `rt-pgdata-good-${id}`], { reject: false });
  await execa('docker', ['rmi', `dojo-test/secret-env:${id}`], { reject: false });
});

const run = async (ws: string) => {
  const r = await dojo(['check', 'lab-90', '--course', COURSE, '-w', ws, '--format', 'json']);
  const json = r.json();
  return { code: r.code, raw: r.stdout, byId: Object.fromEntries(json.checks.map((c: { id: string }) => [c.id, c])) as Record<string, { status: string; summary: string; evidence: string[] }> };
};

describe('runtime kinds on a stack set up right', () => {
  it('passes every check', async () => {
    const { code, byId } = await run(good);
    const notPassing = Object.entries(byId).filter(([, c]) => c.status !== 'pass').map(([k, c]) => `${k}: ${c.status} ${c.summary} ${c.evidence.join(' | ')}`);
    expect(notPassing).toEqual([]);
    expect(code).toBe(0);
    expect(byId['api-resolves-pg']!.summary).toContain(`"postgres" to rt-pg-good-${id}`);
  });
});

describe('runtime kinds on a stack set up wrong', () => {
  it('fails each check with what it saw, and never prints the secret', async () => {
    const { code, byId, raw } = await run(bad);
    expect(code).toBe(1);
    const status = Object.fromEntries(Object.entries(byId).map(([k, c]) => [k, c.status]));
    expect(status).toEqual({
      'api-user': 'fail', 'pg-healthcheck': 'pass', 'api-exposes': 'fail', 'api-secrets': 'fail', 'pg-state': 'pass',
      'pg-security': 'fail', 'api-ports': 'fail', 'pg-volume': 'fail', 'on-network': 'fail', 'api-resolves-pg': 'fail',
      'compose-depends': 'fail', 'compose-volume': 'fail', 'compose-up': 'fail',
    });
    expect(byId['api-user']!.evidence[0]).toBe('image config User: (unset: root)');
    expect(byId['api-secrets']!.summary).toContain('DB_PASSWORD');
    expect(raw).not.toContain('rt-secret-value-123');
    expect(byId['pg-security']!.evidence).toContain('cap_add: SYS_ADMIN');
    expect(byId['pg-volume']!.summary).toMatch(/is the volume [0-9a-f]{64} \(anonymous\), not the named volume|no volume named/);
    expect(byId['api-resolves-pg']!.summary).toBe(`rt-api-bad-${id} and rt-pg-bad-${id} share no network`);
    expect(byId['compose-depends']!.evidence[0]).toMatch(/docker-compose\.yml:\d+ {2}depends_on postgres: service_started/);
    expect(byId['compose-volume']!.summary).toBe('/var/lib/postgresql/data of postgres is a bind mount of a host folder');
  });

  it("left the student's containers, network and volume as they were", async () => {
    expect(await docker('inspect', '-f', '{{.State.Running}}', `rt-pg-bad-${id}`, `rt-api-bad-${id}`, `rt-api-good-${id}`)).toBe('true\ntrue\ntrue');
    expect(await docker('volume', 'inspect', '-f', '{{.Name}}', `rt-pgdata-good-${id}`)).toBe(`rt-pgdata-good-${id}`);
  });
});
