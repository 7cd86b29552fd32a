// Pure rules behind lab 04's verdicts (walkthrough 03/04, items 6-9): how a secret is written, the
// worker's published ports, what a dev container runs, and profiles.
import { describe, expect, it } from 'vitest';
import type { ComposeFacts, ComposeService } from '../../src/checks/facts/compose-model.js';
import { secretSource } from '../../src/checks/facts/compose-source.js';
import { parseDockerfile } from '../../src/checks/facts/dockerfile.js';
import { Facts } from '../../src/checks/facts/store.js';
import { composePorts } from '../../src/checks/kinds/compose-ports.js';
import { composeProfiles } from '../../src/checks/kinds/compose-profiles.js';
import { devRunProblem, stageWorkdir } from '../../src/checks/kinds/dev-run.js';
import { redactText } from '../../src/checks/redact.js';
import type { AnyKind, CheckTarget } from '../../src/checks/types.js';

const svc = (name: string) => ({ name, context: `/ws/${name}`, dockerfile: `/ws/${name}/Dockerfile`, image: `ff/${name}`, container: name, buildArgs: {}, run: { env: [] } });
const t = {
  lab: 'lab-04',
  workspace: { dir: '/ws', services: { 'api-service': svc('api-service'), 'worker-service': svc('worker-service') }, network: 'n', volume: 'v', compose: { files: ['/ws/docker-compose.yml'], project: 'ff', devFiles: ['/ws/docker-compose.dev.yml'] } },
  service: svc('api-service'),
} as unknown as CheckTarget;
const at = (line: number, file = '/ws/docker-compose.yml') => ({ file, line });
const service = (name: string, over: Partial<ComposeService> = {}): ComposeService => ({
  name, location: at(2), image: null, build: null, healthcheck: null, dependsOn: {}, volumes: [], networks: [], ports: [], portsLocation: null, user: null,
  environment: {}, command: null, entrypoint: null, workingDir: null, commandLocation: null, profiles: [], ...over,
});
const model = (services: ComposeService[]): ComposeFacts => ({
  files: [{ path: '/ws/docker-compose.yml', exists: true }], loader: 'compose-v2', loaderNote: '', project: 'ff',
  services: Object.fromEntries(services.map((s) => [s.name, s])), volumes: {}, networks: [], problems: [], raw: [],
});
function judge(kind: AnyKind, params: unknown, c: ComposeFacts) {
  const p = kind.params.parse(params);
  const facts = new Facts();
  for (const r of kind.needs(t, p)) facts.set(r, c as never);
  const f = kind.evaluate(facts, t, p);
  return `${f.status}: ${f.summary}${f.evidence?.length ? `\n  ${f.evidence.join('\n  ')}` : ''}`;
}

describe('how a secret is written', () => {
  it('flags written defaults, URL passwords and PASS; passes references and pass-through', () => {
    const cases: [string, string | null][] = [
      ['POSTGRES_PASSWORD', '${POSTGRES_PASSWORD:-s3cretpw}'], ['POSTGRES_PASSWORD', '${POSTGRES_PASSWORD-s3cretpw}'], ['POSTGRES_PASSWORD', '${POSTGRES_PASSWORD:?set it}'],
      ['DATABASE_URL', 'postgres://flowforge:s3cretpw@postgres:5432/flowforge'], ['DATABASE_URL', 'postgres://flowforge:${DB_PASSWORD}@postgres/flowforge'],
      ['DATABASE_URL', 'postgres://postgres/flowforge'], ['DB_PASS', 's3cretpw'], ['PASSPORT_DIR', '/x'], ['POSTGRES_PASSWORD', null], ['DB_HOST', 'postgres'],
    ];
    expect(cases.map(([n, v]) => `${n}: ${secretSource(n, v)}`)).toMatchInlineSnapshot(`
      [
        "POSTGRES_PASSWORD: default",
        "POSTGRES_PASSWORD: default",
        "POSTGRES_PASSWORD: reference",
        "DATABASE_URL: url",
        "DATABASE_URL: null",
        "DATABASE_URL: null",
        "DB_PASS: literal",
        "PASSPORT_DIR: null",
        "POSTGRES_PASSWORD: passthrough",
        "DB_HOST: null",
      ]
    `);
    expect(redactText('dial postgres://flowforge:s3cretpw@postgres:5432/db', [])).toMatchInlineSnapshot(`"dial postgres://flowforge:****@postgres:5432/db"`);
  });
});

describe('compose-ports', () => {
  it('fails a published worker port at its line, and a bare container port too', () => {
    const c = (worker: Partial<ComposeService>) => model([service('api-service', { ports: [{ published: '8080', target: '8080' }] }), service('worker-service', worker)]);
    const params = { services: { 'worker-service': [], 'api-service': ['8080'] } };
    expect([
      judge(composePorts, params, c({})),
      judge(composePorts, params, c({ ports: [{ published: '9090', target: '9090' }], portsLocation: at(31) })),
      judge(composePorts, params, c({ ports: [{ published: null, target: '9090' }], portsLocation: at(31) })),
    ].join('\n')).toMatchInlineSnapshot(`
      "pass: each service publishes exactly what it should
        worker-service publishes: nothing
        api-service publishes: 8080->8080
      fail: worker-service publishes 9090 on the host
        docker-compose.yml:31  worker-service publishes: 9090->9090
        api-service publishes: 8080->8080
      fail: worker-service publishes 9090 on the host
        docker-compose.yml:31  worker-service publishes: (any)->9090
        api-service publishes: 8080->8080"
    `);
  });
});

describe('what the dev container runs', () => {
  const df = parseDockerfile('/ws/api-service/Dockerfile', 'FROM golang:1.22 AS dev\nWORKDIR /src\nCMD ["go","run","."]\nFROM dev AS build\nWORKDIR out\nFROM scratch AS prod\nENTRYPOINT ["/api-service"]\n', {});
  it('follows WORKDIR through the stages a target builds from', () => {
    expect([stageWorkdir(df, 'dev'), stageWorkdir(df, 'build'), stageWorkdir(df, 'prod'), stageWorkdir(df, null)]).toMatchInlineSnapshot(`
      [
        "/src",
        "/src/out",
        null,
        null,
      ]
    `);
  });
  it('passes go run or an entrypoint in the mounted folder; fails another folder or a baked binary', () => {
    const run = (over: Partial<ComposeService>, target: string) => devRunProblem(service('api-service', over), target, '/src').problem;
    expect([
      run({ command: ['go', 'run', '.'] }, '/src'), run({ entrypoint: ['go', 'run', '.'] }, '/src'), run({ command: 'air -c .air.toml' }, '/src'),
      run({ command: ['/api-service'] }, '/app'), run({ command: ['/api-service'] }, '/src'), run({ command: ['go', 'run', '.'], workingDir: '/app' }, '/app'),
    ]).toMatchInlineSnapshot(`
      [
        null,
        null,
        null,
        "the source is mounted at /app, but the container works in /src: it runs the copy baked into the image",
        "the dev command starts /api-service, a file baked into the image, not the mounted source",
        null,
      ]
    `);
  });
});

describe('compose-profile', () => {
  it('passes any profile and names the one the lab suggests; fails none', () => {
    const params = { composeService: 'db-shell', profile: 'tools' };
    expect([
      judge(composeProfiles, params, model([service('db-shell', { profiles: ['tool'] })])),
      judge(composeProfiles, params, model([service('db-shell')])),
      judge(composeProfiles, params, model([])),
    ].join('\n')).toMatchInlineSnapshot(`
      "pass: db-shell starts only with --profile tool (the lab calls it tools; any name works)
        docker-compose.yml:2  db-shell: profiles tool
      fail: db-shell is in no profile, so every plain \`up\` starts it
        docker-compose.yml:2  db-shell: profiles none
      fail: the compose files have no service db-shell
        read docker-compose.yml, docker-compose.dev.yml
        services in the files: none"
    `);
  });
});

describe('healthchecks that prove nothing, and a stack still starting', () => {
  it('names probes that always succeed', async () => {
    const { trivialProbe } = await import('../../src/checks/kinds/trivial-probe.js');
    expect([['CMD-SHELL', 'true'], ['CMD', 'true'], ['CMD-SHELL', 'exit 0'], ['CMD-SHELL', 'echo ok; exit 0'], ['CMD-SHELL', 'pg_isready -U postgres'], ['CMD-SHELL', 'pg_isready || exit 1'],
      // The student walkthrough's false pass: the shell turns any failure of pg_isready into success.
      ['CMD-SHELL', 'pg_isready -U postgres || true'], ['CMD-SHELL', 'pg_isready || exit 0'], ['CMD', 'sh', '-c', 'pg_isready || :'],
      ['CMD-SHELL', 'pg_isready | cat; true'], ['CMD-SHELL', 'true && pg_isready'], ['CMD-SHELL', 'pg_isready || echo down && exit 1'],
      ['CMD', 'pg_isready', '||', 'true'], ['CMD-SHELL', 'exit 0; pg_isready'], ['CMD-SHELL', 'pg_isready || exit 0; pg_isready -d app']].map(trivialProbe))
      .toMatchInlineSnapshot(`
        [
          "true",
          "true",
          "exit 0",
          "echo ok; exit 0",
          null,
          null,
          "pg_isready -U postgres || true",
          "pg_isready || exit 0",
          "sh -c pg_isready || :",
          "pg_isready | cat; true",
          null,
          null,
          null,
          "exit 0; pg_isready",
          null,
        ]
      `);
  });
  it('is an error (no attempt) while a healthcheck is starting, and shows why a container could not start', async () => {
    const { composeStack } = await import('../../src/checks/kinds/compose-stack.js');
    const c = (service: string, over: object) => ({ service, name: `ff-${service}-1`, id: service, image: 'x', state: 'running', exitCode: null, stateError: '', health: null, lastHealthFailure: null, ...over });
    const stack = (containers: object[]) => ({ project: 'ff', containers });
    const run = (containers: object[]) => {
      const p = composeStack.params.parse({ services: ['api-service'], healthy: [] });
      const facts = new Facts();
      for (const r of composeStack.needs(t, p)) facts.set(r, stack(containers) as never);
      const f = composeStack.evaluate(facts, t, p);
      return `${f.status}: ${f.summary}\n  ${(f.evidence ?? []).join('\n  ')}`;
    };
    expect([
      run([c('api-service', { health: 'starting' })]),
      run([c('api-service', { state: 'created', exitCode: 128, stateError: 'driver failed programming external connectivity: Bind for 0.0.0.0:8080 failed: port is already allocated' })]),
    ].join('\n')).toMatchInlineSnapshot(`
      "error: still starting in ff: ff-api-service-1 (health: starting)
        api-service: ff-api-service-1 running, health starting
        the first healthchecks have not passed yet: wait a few intervals (\`docker compose ps\` shows when it turns healthy), then check again
      fail: not running in ff: ff-api-service-1
        api-service: ff-api-service-1 created (exit code 128); the engine said: driver failed programming external connectivity: Bind for 0.0.0.0:8080 failed: port is already allocated"
    `);
  });
});

describe('a compose file named in dojo.yaml that is not there (walkthrough item 12)', () => {
  it('is an error saying file not found, not a missing service', () => {
    const c = { ...model([service('db-shell', { profiles: ['tools'] })]), files: [{ path: '/ws/docker-compose.yml', exists: true }, { path: '/ws/docker-compose.dev.yml', exists: false }] };
    expect(judge(composeProfiles, { composeService: 'db-shell' }, c)).toMatchInlineSnapshot(`
      "error: docker-compose.dev.yml: file not found
        compose.files or compose.devFiles in dojo.yaml names it; correct the name, or remove the entry to let dojo find the files as Compose does"
    `);
  });
});

describe('down-keeps-data wording (walkthrough item 20)', () => {
  it('shows a bind source as written, names tmpfs and a missing mount honestly', async () => {
    const { composeNamedVolume } = await import('../../src/checks/kinds/compose.js');
    const pg = (volumes: ComposeService['volumes']) => model([service('api-service', { volumes })]);
    const v = (kind: 'bind' | 'tmpfs', source: string | null) => ({ kind, source, target: '/var/lib/postgresql/data', readOnly: false, location: at(9) });
    expect([
      judge(composeNamedVolume, { service: 'api-service', target: '/var/lib/postgresql/data' }, pg([v('bind', '/ws/pgdata')])),
      judge(composeNamedVolume, { service: 'api-service', target: '/var/lib/postgresql/data' }, pg([v('tmpfs', null)])),
      judge(composeNamedVolume, { service: 'api-service', target: '/var/lib/postgresql/data' }, pg([])),
    ].join('\n')).toMatchInlineSnapshot(`
      "fail: /var/lib/postgresql/data of api-service is a bind mount of a host folder
        docker-compose.yml:9  ./pgdata:/var/lib/postgresql/data (bind)
      fail: /var/lib/postgresql/data of api-service is a tmpfs mount (memory only, gone when the container stops)
        docker-compose.yml:9  tmpfs:/var/lib/postgresql/data (tmpfs)
      fail: api-service mounts nothing at /var/lib/postgresql/data
        docker-compose.yml:2  service api-service: the data lands in the container's writable layer, or in an anonymous volume when the image declares VOLUME; \`docker compose down\` leaves neither for the next \`up\`"
    `);
  });
});

describe('a healthcheck the image brings', () => {
  it('counts when the compose file has none (Compose uses it), and must be able to fail as well', async () => {
    const { composeHealthcheck } = await import('../../src/checks/kinds/compose.js');
    const c = model([service('postgres', { image: 'ff/postgres:15' })]);
    const withDb = { ...t, workspace: { ...t.workspace, services: { ...t.workspace.services, postgres: svc('postgres') } } } as CheckTarget;
    const judgeWith = (img: object | undefined) => {
      const p = composeHealthcheck.params.parse({ service: 'postgres' });
      const facts = new Facts();
      const [composeRequest, imageRequest] = composeHealthcheck.needs(withDb, p);
      facts.set(composeRequest!, c as never);
      if (img) facts.set(imageRequest!, img as never);
      const f = composeHealthcheck.evaluate(facts, withDb, p);
      return `${f.status}: ${f.summary}${f.evidence?.length ? `\n  ${f.evidence.join('\n  ')}` : ''}`;
    };
    expect({
      inherited: judgeWith({ candidates: ['ff/postgres:15'], ref: 'ff/postgres:15', healthcheck: { test: ['CMD-SHELL', 'pg_isready -h 127.0.0.1 -U postgres || exit 1'] }, fs: null }),
      inheritedAlwaysPasses: judgeWith({ candidates: ['ff/postgres:15'], ref: 'ff/postgres:15', healthcheck: { test: ['CMD-SHELL', 'pg_isready || true'] }, fs: null }),
      imageHasNone: judgeWith({ candidates: ['ff/postgres:15'], ref: 'ff/postgres:15', healthcheck: null, fs: null }),
      noLocalImage: judgeWith({ candidates: ['ff/postgres:15'], ref: null, fs: null }),
      engineNotAsked: judgeWith(undefined),
    }).toMatchInlineSnapshot(`
      {
        "engineNotAsked": "fail: postgres has no healthcheck in the compose files
        docker-compose.yml:2  service postgres
        the engine could not be asked whether the image brings a HEALTHCHECK of its own",
        "imageHasNone": "fail: postgres has no healthcheck in the compose files and its image ff/postgres:15 brings none
        docker-compose.yml:2  service postgres",
        "inherited": "pass: postgres has a healthcheck from its image ff/postgres:15: pg_isready -h 127.0.0.1 -U postgres || exit 1
        docker-compose.yml:2  service postgres
        none in the compose files: Compose uses the image's HEALTHCHECK (an image without one, like the official postgres, would leave service_healthy nothing to wait for)",
        "inheritedAlwaysPasses": "fail: postgres's healthcheck (from its image ff/postgres:15) runs \`pg_isready || true\`, which succeeds whether or not postgres is ready
        docker-compose.yml:2  service postgres",
        "noLocalImage": "fail: postgres has no healthcheck in the compose files
        docker-compose.yml:2  service postgres
        no local image ff/postgres:15 to read a HEALTHCHECK from",
      }
    `);
  });
});
