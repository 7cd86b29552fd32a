// dojo diagnose's rules over facts shaped like the ones read from the engine (the engine test
// lab-05.test.ts proves the same verdicts live): one rule per cause, the generic "exited" only
// when nothing more specific explains it, and nothing at all for a healthy container.
import { describe, expect, it } from 'vitest';
import { missingContainer, type DiagnosisFacts } from '../../src/checks/facts/diagnosis-model.js';
import { parseProcNet } from '../../src/checks/facts/proc-net.js';
import { connectionFailures, missingVariables } from '../../src/diagnose/log-patterns.js';
import { diagnose, tail } from '../../src/diagnose/rules.js';

const running = (over: Partial<DiagnosisFacts> = {}): DiagnosisFacts => ({
  ...missingContainer('app'), found: true, id: 'c0ffee', image: 'app:1', status: 'running', running: true,
  startedAt: '2026-11-23T06:20:00Z', env: { names: ['PATH'], empty: [] }, networkMode: 'app-net',
  networks: { 'app-net': { ip: '172.20.0.2', aliases: ['app'] } }, ...over,
});
const exited = (exitCode: number, over: Partial<DiagnosisFacts> = {}) => running({ status: 'exited', running: false, exitCode, ...over });
const verdict = (f: DiagnosisFacts) => diagnose(f).map((x) => `${x.severity} ${x.rule} -> ${x.mistake}`);

describe('dojo diagnose rules', () => {
  it('says nothing about a healthy running container, or one that was stopped', () => {
    expect(diagnose(running({ ports: [{ container: '8080/tcp', host: '127.0.0.1:32768' }], listeners: [{ address: '0.0.0.0', port: 8080 }] }))).toEqual([]);
    expect(diagnose(exited(0))).toEqual([]);
    expect(diagnose(exited(143))).toEqual([]);
  });

  it('an OOM kill: 137 with OOMKilled, the limit as evidence; 137 without it is a plain SIGKILL note', () => {
    const oom = exited(137, { oomKilled: true, memoryLimit: 16 * 1024 * 1024, logs: ['report: loading 24 MB of task history into memory'] });
    expect(verdict(oom)).toEqual(['error oom-killed -> oom-killed']);
    expect(diagnose(oom)[0]!.evidence).toMatchInlineSnapshot(`
      [
        "status exited, exit code 137, OOMKilled true",
        "memory limit: 16 MiB",
        "log: report: loading 24 MB of task history into memory",
      ]
    `);
    expect(verdict(exited(137))).toEqual(['note killed -> null']);
    // OOMKilled missed (the exit overtook the kernel's notice): the engine's oom event, else the limit, still point at memory.
    expect(verdict(exited(137, { oomEvent: true, memoryLimit: 16 * 1024 * 1024 }))).toEqual(['error oom-killed -> oom-killed']);
    expect(verdict(exited(137, { memoryLimit: 16 * 1024 * 1024 }))).toEqual(['warning oom-killed -> oom-killed']);
    expect(verdict(running({ oomKilled: true }))).toEqual(['note oom-killed-before -> null']);
  });

  it('a variable the logs ask for that the environment lacks (set but empty counts as lacking)', () => {
    const f = exited(1, { logs: ['api: config error: required environment variable DATABASE_URL is not set'] });
    expect(verdict(f)).toEqual(['error missing-env -> missing-env']);
    expect(verdict(exited(1, { logs: f.logs, env: { names: ['PATH', 'DATABASE_URL'], empty: ['DATABASE_URL'] } }))).toEqual(['error missing-env -> missing-env']);
    // Set but empty is worded as empty, next to evidence that lists it.
    const empty = diagnose(exited(1, { logs: f.logs, env: { names: ['PATH', 'DATABASE_URL'], empty: ['DATABASE_URL'] } }))[0]!;
    expect([empty.summary, empty.evidence.at(-1)]).toMatchInlineSnapshot(`
      [
        "app's logs ask for DATABASE_URL; its environment sets DATABASE_URL empty",
        "its environment has: DATABASE_URL (empty) (values not shown)",
      ]
    `);
    // Set: the variable is not the reason, so only the generic exit remains.
    expect(verdict(exited(1, { logs: f.logs, env: { names: ['PATH', 'DATABASE_URL'], empty: [] } }))).toEqual(['error exited -> container-exits']);
    expect(missingVariables(['Error: Database is uninitialized and superuser password is not specified.', '       You must specify POSTGRES_PASSWORD to a non-empty value for the', 'FATAL: ERROR missing'])).toEqual([{ name: 'POSTGRES_PASSWORD', line: '       You must specify POSTGRES_PASSWORD to a non-empty value for the' }]);
  });

  it('a name its networks do not know, found on another network', () => {
    const f = running({
      networks: { 'lab05-app': { ip: '172.21.0.2', aliases: [] } },
      logs: ["worker: cannot reach database at lab05-db:5432: bad address 'lab05-db'"],
      others: [{ name: 'lab05-db', networks: { 'lab05-data': ['lab05-db'] } }],
    });
    expect(verdict(f)).toEqual(['error wrong-network -> wrong-network']);
    expect(diagnose(f)[0]!.evidence.slice(1)).toEqual(['app is on: lab05-app', 'a container answering to "lab05-db" (lab05-db) is on: lab05-data']);
    // On a shared network the name resolves: a refusal there is not a network membership problem.
    const shared = running({ logs: ['dial tcp 172.20.0.3:5432: connect: connection refused', 'lookup db on 127.0.0.11:53: no such host'], others: [{ name: 'db', networks: { 'app-net': ['db'] } }] });
    expect(verdict(shared)).toEqual([]);
  });

  it('localhost dialled for another service, but not the container dialling itself', () => {
    const f = running({ logs: ['panic: dial tcp 127.0.0.1:5432: connect: connection refused'], ports: [{ container: '8080/tcp', host: null }] });
    expect(verdict(f)).toEqual(['error localhost-for-service -> localhost-for-service']);
    expect(verdict(running({ logs: ['dial tcp [::1]:8080: connect: connection refused'], ports: [{ container: '8080/tcp', host: null }] }))).toEqual([]);
  });

  it('a published port whose listener is bound to loopback, or missing', () => {
    const ports = [{ container: '8080/tcp', host: '127.0.0.1:32812' }];
    expect(verdict(running({ ports, listeners: [{ address: '127.0.0.1', port: 8080 }] }))).toEqual(['error loopback-listener -> listener-unreachable']);
    expect(verdict(running({ ports, listeners: [{ address: '0.0.0.0', port: 9090 }] }))).toEqual(['error nothing-listening -> listener-unreachable']);
    expect(verdict(running({ ports, listeners: [{ address: '::', port: 8080 }] }))).toEqual([]);
    // Without a probe image, the program's own words are a warning.
    expect(verdict(running({ ports, listenersNote: 'no image', logs: ['listening on 127.0.0.1:8080'] }))).toEqual(['warning loopback-listener -> listener-unreachable']);
  });

  it("the engine's start errors: a taken host port, a binary for another platform", () => {
    expect(verdict(exited(128, { status: 'created', error: 'driver failed programming external connectivity on endpoint x: Bind for 0.0.0.0:8080 failed: port is already allocated' }))).toEqual(['error port-conflict -> port-conflict']);
    expect(verdict(exited(1, { logs: ['exec /app: exec format error'], imageArch: 'arm64', engineArch: 'x86_64' }))).toEqual(['error exec-format -> exec-format-error']);
  });

  it('permission denied on a mounted path; a failing health check; a restart loop', () => {
    const mounts = [{ type: 'bind', source: '/home/s/exports', destination: '/exports', rw: true, name: null }];
    expect(verdict(exited(1, { mounts, user: '65532', logs: ['open /exports/tasks.csv: permission denied'] }))).toEqual(['error mount-permission-denied -> volume-permission-denied']);
    expect(verdict(running({ health: { status: 'unhealthy', failingStreak: 5, lastOutput: 'wget: can\'t connect to remote host' } }))).toEqual(['error unhealthy -> health-check-failing']);
    expect(verdict(running({ status: 'restarting', restartCount: 7, restartPolicy: 'always', logs: ['boom'] }))).toEqual(['warning restart-loop -> container-exits']);
    expect(verdict(exited(2, { logs: [] }))).toEqual(['error exited -> container-exits']);
  });
});

describe('log patterns and /proc/net/tcp', () => {
  it('reads connection failures in the words of Go, libpq, Node and busybox', () => {
    expect(connectionFailures([
      'dial tcp: lookup postgres on 127.0.0.11:53: no such host',
      'psql: error: could not translate host name "db" to address: Name or service not known',
      'Error: getaddrinfo ENOTFOUND redis',
      'connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused',
      "nc: can't connect to remote host (127.0.0.1): Connection refused",
      'connect ECONNREFUSED 127.0.0.1:6379',
    ]).map((c) => `${c.kind} ${c.host}:${c.port}`)).toEqual([
      'lookup postgres:null', 'lookup db:null', 'lookup redis:null', 'refused localhost:5432', 'refused 127.0.0.1:null', 'refused 127.0.0.1:6379',
    ]);
  });

  it('shows a log line a restart loop repeats once, with its count', () => {
    expect(tail({ logs: ['starting', 'api: DATABASE_URL is not set', 'starting', 'api: DATABASE_URL is not set', 'starting', 'api: DATABASE_URL is not set'] })).toMatchInlineSnapshot(`
      [
        "log: starting (3 times)",
        "log: api: DATABASE_URL is not set (3 times)",
      ]
    `);
  });

  it('leaves out Docker\'s embedded DNS listener (127.0.0.11): it is not the program\'s', () => {
    expect(parseProcNet(['   0: 0B00007F:A0F3 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0', '   1: 00000000:1F90 00000000:0000 0A 0'])).toEqual([{ address: '0.0.0.0', port: 8080 }]);
  });

  it('turns listening sockets into addresses (IPv4, IPv6, v4-mapped)', () => {
    expect(parseProcNet([
      '  sl  local_address rem_address   st tx_queue rx_queue',
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0',
      '   1: 00000000:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0',
      '   2: 0200140A:1F90 0300140A:C350 01 00000000:00000000 00:00000000 00000000     0',
      '   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 0',
      '   1: 00000000000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 0',
      '   2: 0000000000000000FFFF00000100007F:0051 00000000000000000000000000000000:0000 0A 0',
    ])).toEqual([
      { address: '127.0.0.1', port: 8080 }, { address: '0.0.0.0', port: 5432 },
      { address: '::', port: 8080 }, { address: '::1', port: 80 }, { address: '127.0.0.1', port: 81 },
    ]);
  });
});
