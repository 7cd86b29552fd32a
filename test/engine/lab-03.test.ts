// Lab 03 on a real engine: the test plays the student, runs FlowForge by hand (docker run) right
// and in each wrong way the lab's mistakes describe, and asserts every check's verdict. Everything
// it creates carries io.dojo.testobj and is removed in afterAll.
import { execa } from 'execa';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { waitHealthy } from '../support/health.js';
import { VerdictTable } from '../support/verdict-table.js';
import { tempWorkspace } from '../support/workspace.js';
import { buildStackImages, IMAGES } from '../fixtures/stacks/stack.mjs';

const ID = `l3${process.pid}`;
const LABEL = 'io.dojo.testobj=1';
const PG = 'dojo-fixture/postgres:15-1';
const PGDATA = '/var/lib/postgresql/data';
const docker = (...args: string[]) => execa('docker', args).then((r) => String(r.stdout).trim());
const run = (...args: string[]) => docker('run', '-d', '--label', LABEL, ...args);

interface Scenario { ws: string; names: { api: string; worker: string; pg: string }; expect: Record<string, string> }
const ALL_PASS = { 'user-network': 'pass', 'name-resolution': 'pass', 'worker-unpublished': 'pass', 'named-volume': 'pass', 'data-survives': 'pass', 'volume-permissions': 'pass' };
const scenarios: Record<string, Scenario> = {};
/** Each scenario's verdicts, keyed by the scenario's name (never this run's container names). */
const table = new VerdictTable('lab-03');

/** A workspace whose dojo.yaml points at this scenario's containers, with an exports folder. */
function workspace(name: string, names: Scenario['names'], exportsOwner: number | null, exportsMode = 0o755, exportsGid = exportsOwner) {
  const ws = tempWorkspace({
    'dojo.yaml': `services:\n  api-service: { container: ${names.api}, image: "${IMAGES.apiProd}" }\n  worker-service: { container: ${names.worker} }\n  postgres: { container: ${names.pg} }\n`,
  });
  mkdirSync(join(ws, 'exports'));
  if (exportsOwner !== null) chownSync(join(ws, 'exports'), exportsOwner, exportsGid ?? exportsOwner);
  chmodSync(join(ws, 'exports'), exportsMode);
  return ws;
}

/** One FlowForge trio; `opts` makes it wrong in one way. */
interface TrioOptions {
  net?: boolean; pgVolume?: 'named' | 'anonymous' | 'none'; pg?: string; workerPort?: boolean; exportsOwner?: number | null;
  exportsMode?: number; exportsGid?: number; workerUser?: string[]; apiDbHost?: string; workerDbHost?: string;
  /** PGDATA set on postgres, and where the named volume is mounted instead of the default path. */
  pgdata?: { env: string; mountAt: string }; stop?: ('pg' | 'api')[];
  /** The api container runs under another name than the one dojo.yaml gives. */
  apiName?: string;
}
const stopAfterHealthy: string[] = [];

async function trio(name: string, opts: TrioOptions, expect: Record<string, string>) {
  const names = { api: `${ID}-${name}-api`, worker: `${ID}-${name}-worker`, pg: opts.pg ?? `${ID}-${name}-pg` };
  const ws = workspace(name, names, opts.exportsOwner === undefined ? 65532 : opts.exportsOwner, opts.exportsMode, opts.exportsGid);
  const net = opts.net === false ? [] : ['--network', `${ID}-${name}-net`];
  if (opts.net !== false) await docker('network', 'create', '--label', LABEL, `${ID}-${name}-net`);
  if (opts.pg) await docker('network', 'connect', '--alias', 'postgres', `${ID}-${name}-net`, opts.pg);
  else {
    const at = opts.pgdata?.mountAt ?? PGDATA;
    const vol = opts.pgVolume === 'anonymous' ? ['-v', PGDATA] : opts.pgVolume === 'none' ? [] : ['-v', `${ID}-${name}-pgdata:${at}`];
    if (opts.pgVolume === undefined || opts.pgVolume === 'named') await docker('volume', 'create', '--label', LABEL, `${ID}-${name}-pgdata`);
    const env = opts.pgdata ? ['-e', `PGDATA=${opts.pgdata.env}`] : [];
    // The fixture image runs as postgres (uid 100) and cannot chown a fresh volume at a path it does not have.
    if (opts.pgdata && at !== PGDATA) await docker('run', '--rm', '--label', LABEL, '-v', `${ID}-${name}-pgdata:${at}`, 'dojo-fixture/busybox:1', 'chown', '100:102', at);
    await run('--name', names.pg, ...net, ...(net.length ? ['--network-alias', 'postgres'] : []), ...vol, ...env, '-e', 'POSTGRES_PASSWORD_FILE=/dev/null', PG);
  }
  await run('--name', opts.apiName ?? names.api, ...net, '-e', `DB_HOST=${opts.apiDbHost ?? 'postgres'}`, '-p', '127.0.0.1::8080', IMAGES.apiProd);
  await run('--name', names.worker, ...net, ...(opts.workerUser ?? []), '-e', `DB_HOST=${opts.workerDbHost ?? 'postgres'}`, '-e', 'EXPORT_DIR=/exports', '-v', `${join(ws, 'exports')}:/exports`,
    ...(opts.workerPort ? ['-p', '127.0.0.1::9000'] : []), IMAGES.worker);
  for (const which of opts.stop ?? []) stopAfterHealthy.push(which === 'pg' ? names.pg : names.api);
  scenarios[name] = { ws, names, expect: { ...ALL_PASS, ...expect } };
}

beforeAll(async () => {
  await buildStackImages();
  await trio('good', {}, {});
  const goodPg = scenarios.good!.names.pg;
  await Promise.all([
    trio('default-bridge', { net: false }, { 'user-network': 'fail', 'name-resolution': 'fail' }),
    trio('no-volume', { pgVolume: 'none' }, { 'named-volume': 'fail', 'data-survives': 'fail' }),
    trio('anonymous-volume', { pgVolume: 'anonymous' }, { 'named-volume': 'fail', 'data-survives': 'fail' }),
    trio('worker-published', { pg: goodPg, workerPort: true }, { 'worker-unpublished': 'fail' }),
    trio('root-owned-exports', { pg: goodPg, exportsOwner: 0 }, { 'volume-permissions': 'fail' }),
    // Walkthrough 03/04, items 1-3, 5, 10, 11.
    trio('worker-as-root', { pg: goodPg, exportsOwner: 0, workerUser: ['--user', '0'] }, { 'volume-permissions': 'fail' }),
    trio('uid-without-passwd', { pg: goodPg, exportsOwner: 0, exportsMode: 0o775, workerUser: ['--user', '10005'] }, {}),
    trio('group-add', { pg: goodPg, exportsOwner: 0, exportsGid: 10001, exportsMode: 0o775, workerUser: ['--user', '10005:10005', '--group-add', '10001'] }, {}),
    trio('group-other', { pg: goodPg, exportsOwner: 0, exportsGid: 10001, exportsMode: 0o775, workerUser: ['--user', '10005:10005'] }, { 'volume-permissions': 'fail' }),
    trio('db-host-address', { pg: goodPg, apiDbHost: '172.30.0.9' }, { 'name-resolution': 'fail' }),
    trio('db-host-typo', { pg: goodPg, workerDbHost: 'postgress' }, { 'name-resolution': 'fail' }),
    trio('pgdata-subfolder', { pgdata: { env: `${PGDATA}/pgdata`, mountAt: PGDATA } }, {}),
    trio('pgdata-elsewhere', { pgdata: { env: '/pgdata', mountAt: '/pgdata' } }, {}),
    trio('misnamed', { pg: goodPg, apiName: `${ID}-misnamed-api_service` }, { 'user-network': 'fail', 'name-resolution': 'fail', 'worker-unpublished': 'fail' }),
    trio('stopped', { stop: ['pg', 'api'] }, { 'name-resolution': 'error', 'worker-unpublished': 'error' }),
  ]);
  await Promise.all(Object.values(scenarios).map((s) => s.names.pg).filter((v, i, a) => a.indexOf(v) === i).map((pg) => waitHealthy(pg)));
  await Promise.all(stopAfterHealthy.map((c) => docker('stop', '-t', '5', c)));
}, 300_000);

afterAll(async () => {
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`, '--filter', `name=${ID}-`)).split('\n').filter(Boolean);
  if (ids.length) await execa('docker', ['rm', '-f', '-v', ...ids], { reject: false });
  const nets = (await docker('network', 'ls', '-q', '--filter', `label=${LABEL}`, '--filter', `name=${ID}-`)).split('\n').filter(Boolean);
  if (nets.length) await execa('docker', ['network', 'rm', ...nets], { reject: false });
  const vols = (await docker('volume', 'ls', '-q', '--filter', `label=${LABEL}`, '--filter', `name=${ID}-`)).split('\n').filter(Boolean);
  if (vols.length) await execa('docker', ['volume', 'rm', ...vols], { reject: false });
});

const check = async (ws: string) => {
  const r = await dojo(['check', 'lab-03', '-w', ws, '--format', 'json']);
  const json = r.json();
  type C = { id: string; status: string; summary: string; evidence: string[]; question: string | null; mistake: string | null };
  return { code: r.code, raw: r.stdout, byId: Object.fromEntries(json.checks.map((c: C) => [c.id, c])) as Record<string, C> };
};

describe('lab 03 verdicts on containers started by hand', () => {
  for (const name of ['good', 'default-bridge', 'no-volume', 'anonymous-volume', 'worker-published', 'root-owned-exports', 'worker-as-root', 'uid-without-passwd',
    'group-add', 'group-other', 'db-host-address', 'db-host-typo', 'pgdata-subfolder', 'pgdata-elsewhere', 'stopped', 'misnamed']) {
    it(`${name}: each check ends as the variant says`, async () => {
      const s = scenarios[name]!;
      const { code, byId } = await check(s.ws);
      table.report('lab-03', name, code, Object.values(byId));
      const got = Object.fromEntries(Object.entries(byId).map(([k, c]) => [k, c.status]));
      const detail = Object.entries(byId).filter(([k, c]) => c.status !== s.expect[k]).map(([k, c]) => `${k}: ${c.summary} | ${c.evidence.join(' | ')}`);
      expect(got, detail.join('\n')).toEqual(s.expect);
      // Exit codes as README documents them: 1 when a check failed, else 4 when one could not be judged.
      const verdicts = Object.values(s.expect);
      expect(code).toBe(verdicts.includes('fail') ? 1 : verdicts.includes('error') ? 4 : 0);
    });
  }

  it('names where each container is, proves the name live, and shows uid/gid against the owner', async () => {
    const good = await check(scenarios.good!.ws);
    expect(good.byId['user-network']!.evidence.join('\n')).toContain(`${scenarios.good!.names.worker} is on: ${ID}-good-net`);
    expect(good.byId['name-resolution']!.evidence.join('\n')).toMatch(/probe image: .*busybox/);
    expect(good.byId['name-resolution']!.evidence.join('\n')).toMatch(/"postgres" resolves to \d+\.\d+\.\d+\.\d+; port 5432 answers/);
    expect(good.byId['data-survives']!.evidence).toContain('PG_VERSION: 15');
    const bad = await check(scenarios['root-owned-exports']!.ws);
    expect(bad.byId['volume-permissions']!.evidence).toEqual(expect.arrayContaining(['process user: 65532:65532 = uid 65532, gid 65532', 'folder: owner uid 0, gid 0, mode 755']));
    expect(bad.byId['volume-permissions']!.question).toMatch(/uid and gid/);
    const root = await check(scenarios['worker-as-root']!.ws);
    expect(root.byId['volume-permissions']!.summary).toMatch(/runs as root \(uid 0\)/);
    const noPasswd = await check(scenarios['uid-without-passwd']!.ws);
    expect(noPasswd.byId['volume-permissions']!.evidence).toContain('process user: 10005 = uid 10005, gid 0');
    expect(noPasswd.byId['volume-permissions']!.summary).toMatch(/group bits rwx/);
    const added = await check(scenarios['group-add']!.ws);
    expect(added.byId['volume-permissions']!.evidence).toContain('process user: 10005:10005 = uid 10005, gid 10005, groups 10001');
    const address = await check(scenarios['db-host-address']!.ws);
    expect(address.byId['name-resolution']!.summary).toMatch(/DB_HOST=172\.30\.0\.9, an address/);
    expect(address.byId['name-resolution']!.question).toMatch(/DB_HOST/);
    const typo = await check(scenarios['db-host-typo']!.ws);
    expect(typo.byId['name-resolution']!.summary).toMatch(/dials DB_HOST=postgress, but the name that reaches the database is "postgres"/);
    const sub = await check(scenarios['pgdata-subfolder']!.ws);
    expect(sub.byId['data-survives']!.evidence[0]).toMatch(/^\/var\/lib\/postgresql\/data\/pgdata \(PGDATA=.*\) in .*: volume .*-pgdata-subfolder-pgdata at \/var\/lib\/postgresql\/data$/);
    const anon = await check(scenarios['anonymous-volume']!.ws);
    expect(anon.byId['data-survives']!.summary).toMatch(/anonymous volume/);
    const stopped = await check(scenarios.stopped!.ws);
    expect(stopped.byId['name-resolution']!.summary).toMatch(new RegExp(`^${ID}-stopped-(api|pg) is not running \\(exited \\d+ at `));
    expect(stopped.byId['worker-unpublished']!.summary).toMatch(/is not running/);
    expect(stopped.byId['worker-unpublished']!.evidence.join(' ')).toMatch(/docker start/);
    const misnamed = await check(scenarios.misnamed!.ws);
    expect(misnamed.byId['user-network']!.summary).toMatch(new RegExp(`^no container named ${ID}-misnamed-api; ${ID}-misnamed-api_service \\(running\\)`));
    expect(misnamed.byId['user-network']!.question).toMatch(/docker ps/);
    const bridge = await check(scenarios['default-bridge']!.ws);
    expect(bridge.byId['user-network']!.summary).toMatch(/default network/);
  });

  it('says whether a probeImage from dojo.yaml is missing or has no busybox (item 25)', async () => {
    const good = scenarios.good!;
    const withProbe = (image: string) => {
      const ws = workspace('probe', good.names, 65532);
      writeFileSync(join(ws, 'dojo.yaml'), `${readFileSync(join(good.ws, 'dojo.yaml'), 'utf8')}probeImage: "${image}"\n`);
      return ws;
    };
    const missing = await check(withProbe(`dojo-test/${ID}-no-such-image:1`));
    table.report('lab-03', 'probe-image-missing', missing.code, Object.values(missing.byId));
    expect(missing.byId['name-resolution']!.summary).toBe(`probeImage dojo-test/${ID}-no-such-image:1 (dojo.yaml) is not on the engine; nothing is pulled`);
    const scratch = await check(withProbe(IMAGES.apiProd));
    table.report('lab-03', 'probe-image-without-busybox', scratch.code, Object.values(scratch.byId));
    expect(scratch.byId['name-resolution']!.summary).toBe(`probeImage ${IMAGES.apiProd} (dojo.yaml) has no /bin/busybox; nothing is pulled`);
  });

  it("left the student's containers running and removed every probe container", async () => {
    const names = Object.values(scenarios).flatMap((s) => [s.names.api, s.names.worker, s.names.pg]).filter((n) => n !== scenarios.misnamed!.names.api);
    const running = (await docker('inspect', '-f', '{{.State.Running}}', ...new Set(names.filter((n) => !stopAfterHealthy.includes(n))))).split('\n');
    expect(running.every((r) => r === 'true')).toBe(true);
    // Other suites may share the engine: look only at dojo containers on this file's networks and volumes.
    const nets = (await docker('network', 'ls', '--format', '{{.Name}}', '--filter', `name=${ID}-`)).split('\n').filter(Boolean);
    const vols = (await docker('volume', 'ls', '--format', '{{.Name}}', '--filter', `name=${ID}-`)).split('\n').filter(Boolean);
    const filters = [...nets.map((n) => `network=${n}`), ...vols.map((v) => `volume=${v}`)];
    for (const f of filters) expect(await docker('ps', '-aq', '--filter', 'label=io.dojo.temp=1', '--filter', f), f).toBe('');
  });
});

it("the verdict table equals every other engine's", async () => {
  expect(await table.compare()).toEqual([]);
});

describe('a check naming a service the lab does not target', () => {
  it('is a content error at the check line, exit 2, before anything is collected', async () => {
    const course = fileURLToPath(new URL('../fixtures/stacks/unknown-service-course', import.meta.url));
    const r = await dojo(['check', 'lab-91', '--course', course, '-w', tempWorkspace({}), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.json().error.message).toMatch(/lab-91\.yaml:3:98: check on-network: params names service wrker-service, which is not among the lab's targets\.services \(api-service, postgres\)/);
  });
});
