// Pure rules behind lab 03's verdicts (walkthrough 03/04): process ids as runc resolves them, which
// permission triplet applies, the host a service dials, PGDATA, anonymous volumes, stopped containers.
import { describe, expect, it } from 'vitest';
import { ids } from '../../src/checks/facts/mount.js';
import type { MountFacts } from '../../src/checks/facts/mount.js';
import type { ContainerFacts } from '../../src/checks/facts/runtime-model.js';
import { Facts } from '../../src/checks/facts/store.js';
import { dialedHost } from '../../src/checks/kinds/dialed-host.js';
import { servicePorts, volumeMounted } from '../../src/checks/kinds/container.js';
import { nameResolution } from '../../src/checks/kinds/network.js';
import { volumeData, volumePermissions } from '../../src/checks/kinds/volume.js';
import { writeBits } from '../../src/checks/kinds/write-bits.js';
import type { AnyKind, CheckTarget } from '../../src/checks/types.js';

const svc = (name: string) => ({ name, context: `/ws/${name}`, dockerfile: `/ws/${name}/Dockerfile`, image: `ff/${name}`, container: name, buildArgs: {}, run: { env: [] } });
const t = {
  lab: 'lab-03',
  workspace: { dir: '/ws', services: { api: svc('api'), worker: svc('worker'), pg: svc('pg') }, network: 'n', volume: 'v', compose: { files: [], project: 'ff', devFiles: [] } },
  service: svc('pg'),
} as unknown as CheckTarget;
const container = (name: string, over: Partial<ContainerFacts> = {}): ContainerFacts => ({
  name, id: name, image: 'x', status: 'running', running: true, exitCode: 0, finishedAt: null, stateError: '', oomKilled: false, restartCount: 0, health: null,
  user: '', env: {}, mounts: [], networks: { ffnet: { ip: '10.0.0.2', aliases: [name] } }, ports: [], capAdd: [], capDrop: [], privileged: false,
  readonlyRootfs: false, memoryLimit: 0, securityOpt: [], pidsLimit: null, nanoCpus: 0, tmpfs: [], labels: {}, ...over,
});
const mount = (over: Partial<MountFacts>): MountFacts => ({
  container: 'worker', found: true, running: true, user: '', uid: 0, gid: 0, groups: [], path: '/exports', pathFrom: null,
  mount: { type: 'bind', name: null, source: '/ws/exports', destination: '/exports', rw: true, anonymous: false }, owner: { uid: 0, gid: 0, mode: 0o755 }, files: {}, ...over,
});
function judge(kind: AnyKind, params: unknown, answer: (r: { type: string; name?: string; container?: string }) => unknown) {
  const p = kind.params.parse(params);
  const facts = new Facts();
  for (const r of kind.needs(t, p)) facts.set(r, answer(r as never) as never);
  const f = kind.evaluate(facts, t, p);
  return `${f.status}: ${f.summary}${f.evidence?.length ? `\n  ${f.evidence.join('\n  ')}` : ''}`;
}

describe('process ids as the runtime resolves them', () => {
  const passwd = 'root:x:0:0::/root:/bin/sh\napp:x:10001:10001::/home/app:/bin/sh\n';
  const group = 'root:x:0:\napp:x:10001:\nexport:x:2000:app,other\n';
  it('gives a uid without a passwd entry gid 0, and adds /etc/group membership and --group-add', () => {
    expect([ids('10005', passwd, group), ids('', '', ''), ids('app', passwd, group), ids('app:app', passwd, group), ids('10005:10005', passwd, group, ['10001', 'export']), ids('ghost', passwd, group)])
      .toMatchInlineSnapshot(`
        [
          {
            "gid": 0,
            "groups": [],
            "uid": 10005,
          },
          {
            "gid": 0,
            "groups": [],
            "uid": 0,
          },
          {
            "gid": 10001,
            "groups": [
              2000,
            ],
            "uid": 10001,
          },
          {
            "gid": 10001,
            "groups": [],
            "uid": 10001,
          },
          {
            "gid": 10005,
            "groups": [
              10001,
              2000,
            ],
            "uid": 10005,
          },
          {
            "gid": null,
            "groups": [],
            "uid": null,
          },
        ]
      `);
  });
  it('picks owner, then any group, then others', () => {
    const owner = { uid: 0, gid: 10001, mode: 0o775 };
    expect([writeBits(10005, 0, [], { ...owner, gid: 0 }), writeBits(10005, 10005, [10001], owner), writeBits(10005, 10005, [], owner), writeBits(0, 0, [], { uid: 5, gid: 5, mode: 0o500 })])
      .toMatchInlineSnapshot(`
        [
          {
            "mode": 7,
            "triplet": "rwx",
            "via": "group",
          },
          {
            "mode": 7,
            "triplet": "rwx",
            "via": "group",
          },
          {
            "mode": 5,
            "triplet": "r-x",
            "via": "other",
          },
          {
            "mode": 7,
            "triplet": "rwx (root)",
            "via": "owner",
          },
        ]
      `);
  });
});

describe('volume-permissions', () => {
  it('fails root, passes a gid-0 user on a 775 root folder, fails others', () => {
    expect([
      judge(volumePermissions, { service: 'worker', path: '/exports' }, () => mount({ user: '0' })),
      judge(volumePermissions, { service: 'worker', path: '/exports', allowRoot: true }, () => mount({ user: '0' })),
      judge(volumePermissions, { service: 'worker', path: '/exports' }, () => mount({ user: '10005', uid: 10005, gid: 0, owner: { uid: 0, gid: 0, mode: 0o775 } })),
      judge(volumePermissions, { service: 'worker', path: '/exports' }, () => mount({ user: '10005:10005', uid: 10005, gid: 10005, owner: { uid: 0, gid: 0, mode: 0o775 } })),
    ].join('\n')).toMatchInlineSnapshot(`
      "fail: worker runs as root (uid 0): root writes anywhere, so this says nothing about the service's own user
        /exports in worker: a bind mount of /ws/exports
        process user: 0 = uid 0, gid 0
        folder: owner uid 0, gid 0, mode 755
      pass: uid 0 can write to /exports in worker (owner bits rwx (root))
        /exports in worker: a bind mount of /ws/exports
        process user: 0 = uid 0, gid 0
        folder: owner uid 0, gid 0, mode 755
      pass: uid 10005 can write to /exports in worker (group bits rwx)
        /exports in worker: a bind mount of /ws/exports
        process user: 10005 = uid 10005, gid 0
        folder: owner uid 0, gid 0, mode 775
      fail: uid 10005 cannot write to /exports in worker (other bits r-x)
        /exports in worker: a bind mount of /ws/exports
        process user: 10005:10005 = uid 10005, gid 10005
        folder: owner uid 0, gid 0, mode 775"
    `);
  });
});

describe('volume-data and volume-mounted follow PGDATA and refuse anonymous volumes', () => {
  const vol = (name: string, destination: string, anonymous = false) => ({ type: 'volume', name, source: `/v/${name}`, destination, rw: true, anonymous });
  it('finds PG_VERSION under PGDATA in a volume mounted above it; fails an anonymous volume', () => {
    expect([
      judge(volumeData, { service: 'pg', pathEnv: 'PGDATA' }, () => mount({ container: 'pg', path: '/var/lib/postgresql/data/pgdata', pathFrom: 'PGDATA=/var/lib/postgresql/data/pgdata', mount: vol('pgdata', '/var/lib/postgresql/data'), files: { PG_VERSION: '15\n' } })),
      judge(volumeData, { service: 'pg' }, () => mount({ container: 'pg', path: '/var/lib/postgresql/data', mount: vol('a'.repeat(64), '/var/lib/postgresql/data', true), files: { PG_VERSION: '15\n' } })),
    ].join('\n')).toMatchInlineSnapshot(`
      "pass: volume pgdata at /var/lib/postgresql/data holds a PostgreSQL 15 cluster: a named volume that outlives the container
        /var/lib/postgresql/data/pgdata (PGDATA=/var/lib/postgresql/data/pgdata in the container's environment) in pg: volume pgdata at /var/lib/postgresql/data
        PG_VERSION: 15
      fail: /var/lib/postgresql/data of pg is in an anonymous volume: a new container will not find it by name, and \`docker rm -v\` deletes it
        /var/lib/postgresql/data in pg: an anonymous volume"
    `);
  });
  it('judges the folder PGDATA names', () => {
    const pg = (env: Record<string, string>, destination: string) => container('pg', { env, mounts: [{ type: 'volume', name: 'pgdata', source: '/v', destination, rw: true }] });
    expect([
      judge(volumeMounted, { path: '/var/lib/postgresql/data', pathEnv: 'PGDATA' }, () => pg({ PGDATA: '/pgdata' }, '/pgdata')),
      judge(volumeMounted, { path: '/var/lib/postgresql/data', pathEnv: 'PGDATA' }, () => pg({ PGDATA: '/pgdata' }, '/var/lib/postgresql/data')),
    ].join('\n')).toMatchInlineSnapshot(`
      "pass: pg keeps /pgdata in the named volume pgdata
        mounts of pg: volume pgdata -> /pgdata
        PGDATA=/pgdata in the container's environment: the data lives there
      fail: nothing is mounted at /pgdata in pg: its data lives in the container's writable layer
        mounts of pg: volume pgdata -> /var/lib/postgresql/data
        PGDATA=/pgdata in the container's environment: the data lives there"
    `);
  });
});

describe('name-resolution reads the host each service dials; stopped containers are not judged', () => {
  const byName = (over: Record<string, Partial<ContainerFacts>>) => (r: { type: string; name?: string }) =>
    r.type === 'container' ? container(r.name!, { aliases: undefined, ...over[r.name!] } as Partial<ContainerFacts>) : null;
  const pg = { networks: { ffnet: { ip: '10.0.0.3', aliases: ['postgres'] } } };
  it('names an address, a typo and a missing variable', () => {
    expect(dialedHost([container('api', { env: { DB_HOST: '10.0.0.3' } }), container('worker', { env: { DB_HOST: 'postgress' } }), container('x')], 'DB_HOST', 'postgres')).toMatchInlineSnapshot(`
      {
        "evidence": [
          "api: DB_HOST=10.0.0.3",
          "worker: DB_HOST=postgress",
          "x: DB_HOST=(not set)",
        ],
        "problems": [
          "api dials DB_HOST=10.0.0.3, an address that changes when the container is recreated, not the name "postgres"",
          "worker dials DB_HOST=postgress, but the name that reaches the database is "postgres"",
          "x has no DB_HOST, so it does not know which host to dial",
        ],
      }
    `);
  });
  it('fails a typo statically, before any probe; errors on a stopped database', () => {
    const params = { from: 'api', to: 'pg', host: 'postgres', live: false, env: 'DB_HOST', dialers: ['worker'] };
    expect([
      judge(nameResolution, params, byName({ pg, api: { env: { DB_HOST: 'postgres' } }, worker: { env: { DB_HOST: 'postgress' } } })),
      judge(nameResolution, params, byName({ pg: { ...pg, running: false, status: 'exited', finishedAt: '2026-11-23T06:40:12.123456Z' } })),
      judge(servicePorts, { services: { api: ['8080'] } }, byName({ api: { running: false, status: 'exited', exitCode: 2, finishedAt: '2026-11-23T06:40:12Z' } })),
    ].join('\n')).toMatchInlineSnapshot(`
      "fail: worker dials DB_HOST=postgress, but the name that reaches the database is "postgres"
        api: ffnet
        pg: ffnet
        pg answers to: pg, postgres
        api: DB_HOST=postgres
        worker: DB_HOST=postgress
      error: pg is not running (exited 0 at 2026-11-23 06:40:12 UTC)
        pg must be running for this check: \`docker start pg\`, then \`docker logs pg\` if it stops again
      error: api is not running (exited 2 at 2026-11-23 06:40:12 UTC)
        api must be running for this check: \`docker start api\`, then \`docker logs api\` if it stops again"
    `);
  });
});

describe('a container under another name', () => {
  it('is a counted failure naming the closest look-alike; with none, an error', () => {
    const answer = (near: { name: string; status: string }[]) => (r: { type: string }) => (r.type === 'lookalike' ? near : null);
    expect([
      judge(servicePorts, { services: { api: ['8080'] } }, answer([{ name: 'other-api', status: 'running' }, { name: 'api_', status: 'exited' }])),
      judge(servicePorts, { services: { api: ['8080'] } }, answer([])),
    ].join('\n')).toMatchInlineSnapshot(`
      "fail: no container named api; api_ (exited), other-api (running) run ff/api
        dojo finds api by its container name: name the container api (docker run --name api ...), or set services.api.container in dojo.yaml
      error: no container named api
        start it, or name the container api (docker run --name api ...), or set services.api.container in dojo.yaml"
    `);
  });
});

describe('evidence wording (walkthrough item 20)', () => {
  it('calls a tmpfs at the data path a tmpfs, not the writable layer', () => {
    expect(judge(volumeMounted, { path: '/var/lib/postgresql/data' }, () => container('pg', { tmpfs: ['/var/lib/postgresql/data'] }))).toMatchInlineSnapshot(`
      "fail: /var/lib/postgresql/data in pg is a tmpfs mount: memory only, gone when the container stops
        mounts of pg: none
        tmpfs: /var/lib/postgresql/data"
    `);
  });
});
