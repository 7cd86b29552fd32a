// Lab 05a on a real engine: images built offline from the lab05 fixtures (one variant per mistake)
// and api-service containers started by hand and by Compose, hardened right and in each wrong way.
// Every check's verdict is asserted; planted secrets must not appear in any output or the state file.
// Containers carry io.dojo.testobj and this file's prefix, and are removed in afterAll.
import { execa } from 'execa';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { VerdictTable, verdictOf } from '../support/verdict-table.js';
import { buildBases, imageOf, PLANTED, prepareVariant, TRIVY_REPORT, VARIANTS, writeDojoYaml } from '../fixtures/lab05/lab05.mjs';

const ID = `l5${process.pid}`;
const LABEL = 'io.dojo.testobj=1';
const CHECKS = ['non-root-user', 'pinned-base', 'no-secrets', 'caps-dropped', 'resource-limits', 'read-only-rootfs', 'image-scan'];
const docker = (...args: string[]) => execa('docker', args).then((r) => String(r.stdout).trim());
const FLAGS = { caps: ['--cap-drop', 'ALL'], nnp: ['--security-opt', 'no-new-privileges'], ro: ['--read-only', '--tmpfs', '/tmp'], memory: ['--memory', '64m'], pids: ['--pids-limit', '50'] };
const HARDENED = Object.values(FLAGS).flat();
const without = (drop: keyof typeof FLAGS) => Object.entries(FLAGS).flatMap(([k, v]) => (k === drop ? (k === 'ro' ? ['--tmpfs', '/tmp'] : []) : v));

/** A PATH with node and nothing else: no trivy, no grype, whatever the machine has installed. */
const bare = mkdtempSync(join(tmpdir(), 'dojo-l5-bin-'));
const PATH_WITHOUT_SCANNER = `${bare}:${dirname(process.execPath)}`;

const CONTAINERS: Record<string, { args: string[]; fails: string[] }> = {
  'ctr-good': { args: HARDENED, fails: [] },
  'ctr-no-cap-drop': { args: without('caps'), fails: ['caps-dropped'] },
  'ctr-privileged': { args: [...HARDENED, '--privileged'], fails: ['caps-dropped'] },
  'ctr-no-memory': { args: without('memory'), fails: ['resource-limits'] },
  'ctr-writable': { args: without('ro'), fails: ['read-only-rootfs'] },
  // Walkthrough: the container's user overrides the image's; /tmp/ is /tmp; a read-only tmpfs is not writable;
  // each default capability dropped by name is ALL.
  'ctr-user-root': { args: [...HARDENED, '--user', 'root'], fails: ['non-root-user'] },
  'ctr-tmpfs-slash': { args: [...without('ro'), '--read-only'].map((a) => (a === '/tmp' ? '/tmp/' : a)), fails: [] },
  'ctr-tmpfs-ro': { args: [...without('ro'), '--read-only'].map((a) => (a === '/tmp' ? '/tmp:ro' : a)), fails: ['read-only-rootfs'] },
  'ctr-caps-each': {
    args: [...without('caps'), ...['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'].flatMap((c) => ['--cap-drop', c])],
    fails: [],
  },
};
const workspaces: Record<string, { dir: string; fails: string[] }> = {};
const goodContainer = `${ID}-ctr-good`;
const composeProject = `${ID}-compose`;
/** Exercise 5a's verdicts, keyed by variant or container setup (ctr-privileged), never by this run's names. */
const table = new VerdictTable('lab-05');

beforeAll(async () => {
  await buildBases();
  await prepareVariant('good', { container: goodContainer });
  for (const [name, c] of Object.entries(CONTAINERS)) {
    await docker('run', '-d', '--label', LABEL, '--name', `${ID}-${name}`, ...c.args, imageOf('good'));
    workspaces[name] = { dir: await prepareVariant('good', { container: `${ID}-${name}`, dirName: name }), fails: c.fails };
  }
  for (const [name, v] of Object.entries(VARIANTS)) workspaces[name] = { dir: await prepareVariant(name, { container: goodContainer }), fails: v.fails };
  // The same hardening through Compose: found by the project's labels, no container name.
  const compose = await prepareVariant('good', { container: `${ID}-no-such-container`, composeProject, dirName: 'compose' });
  writeFileSync(join(compose, 'docker-compose.yml'), `services:\n  api-service:\n    image: ${imageOf('good')}\n    labels: { io.dojo.testobj: "1" }\n    cap_drop: [ALL]\n    security_opt: ["no-new-privileges:true"]\n    read_only: true\n    tmpfs: [/tmp]\n    mem_limit: 64m\n    pids_limit: 50\n`);
  await execa('docker', ['compose', '-p', composeProject, 'up', '-d'], { cwd: compose });
  workspaces.compose = { dir: compose, fails: [] };
}, 600_000);

afterAll(async () => {
  await execa('docker', ['compose', '-p', composeProject, 'down'], { cwd: workspaces.compose?.dir ?? tmpdir(), reject: false });
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`, '--filter', `name=${ID}-`)).split('\n').filter(Boolean);
  if (ids.length) await execa('docker', ['rm', '-f', '-v', ...ids], { reject: false });
});

type C = { id: string; status: string; summary: string; evidence: string[]; mistake: string | null; location: { file: string; line?: number } | null };
const check = async (ws: string, env: Record<string, string> = {}) => {
  const r = await dojo(['check', 'lab-05', '--exercise', '5a', '-w', ws, '--format', 'json'], { PATH: PATH_WITHOUT_SCANNER, ...env });
  const json = r.json();
  // The lab's 5b checks are in the report too, as not selected.
  return { code: r.code, byId: Object.fromEntries(json.checks.filter((c: C & { exercise: string }) => c.exercise === '5a').map((c: C) => [c.id, c])) as Record<string, C> };
};
const expected = (fails: string[]) => Object.fromEntries(CHECKS.map((id) => [id, fails.includes(id) ? 'fail' : id === 'image-scan' ? 'skip' : 'pass']));

describe('lab 05a verdicts on real images and containers', () => {
  for (const name of [...Object.keys(VARIANTS), ...Object.keys(CONTAINERS), 'compose']) {
    it(`${name}: fails exactly ${(VARIANTS[name as keyof typeof VARIANTS] ?? CONTAINERS[name])?.fails.join(', ') || 'nothing'}`, async () => {
      const w = workspaces[name]!;
      const { code, byId } = await check(w.dir);
      table.report('lab-05', name, code, Object.values(byId));
      const got = Object.fromEntries(Object.entries(byId).map(([k, c]) => [k, c.status]));
      const detail = Object.values(byId).map((c) => `${c.id}: ${c.summary} | ${c.evidence.join(' | ')}`);
      expect(got, detail.join('\n')).toEqual(expected(w.fails));
      // Without a scanner image-scan is not judged: a clean workspace is incomplete (4), not passed.
      expect(code).toBe(w.fails.length ? 1 : 4);
    });
  }

  it('non-root-user shows the uid and the Dockerfile line, and says where root came from', async () => {
    const good = (await check(workspaces.good!.dir)).byId['non-root-user']!;
    expect(good.evidence).toEqual([`${imageOf('good')}: Config.User "app": app is uid 10001 in the image's /etc/passwd`, `container ${goodContainer} runs with the image's user`, 'api-service/Dockerfile:10  USER app']);
    const asRoot = (await check(workspaces['ctr-user-root']!.dir)).byId['non-root-user']!;
    expect(asRoot.summary).toBe(`${ID}-ctr-user-root runs as root: it was started with user "root", which overrides the image's USER app`);
    expect((await check(workspaces['ctr-tmpfs-ro']!.dir)).byId['read-only-rootfs']!.summary).toBe(`${ID}-ctr-tmpfs-ro is read-only but has nothing writable at /tmp (the tmpfs at /tmp is mounted read-only)`);
    expect((await check(workspaces['inherits-user']!.dir)).byId['non-root-user']!.summary).toMatch(/runs as uid 10001, inherited from its base/);
    const buildOnly = (await check(workspaces['user-build-stage-only']!.dir)).byId['non-root-user']!;
    expect(buildOnly.evidence.join('\n')).toContain('USER 10001 is in stage build, which the final image does not include');
    const fromBase = (await check(workspaces['root-from-base']!.dir)).byId['non-root-user']!;
    expect(fromBase.summary).toBe(`${imageOf('root-from-base')} runs as root, inherited from the base dojo-test/lab05-rootbase:1`);
    expect(fromBase.evidence[0]).toBe(`${imageOf('root-from-base')}: Config.User "0": uid 0 (root)`);
    const zero = (await check(workspaces['user-0-0']!.dir)).byId['non-root-user']!;
    expect(zero.location).toEqual({ file: 'api-service/Dockerfile', line: 10 });
    // The name is not root, the image's /etc/passwd says uid 0: the image wins, and says why.
    expect((await check(workspaces['user-toor']!.dir)).byId['non-root-user']!.summary).toMatch(/runs as root: toor is uid 0 in the image/);
  });

  it('caps-dropped lists what the container still has', async () => {
    const open = (await check(workspaces['ctr-no-cap-drop']!.dir)).byId['caps-dropped']!;
    expect(open.evidence[0]).toBe(`${ID}-ctr-no-cap-drop still has: AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, NET_RAW, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT`);
    const priv = (await check(workspaces['ctr-privileged']!.dir)).byId['caps-dropped']!;
    expect(priv.summary).toMatch(/runs privileged/);
    expect(priv.evidence[0]).toMatch(/still has: every capability/);
    expect((await check(workspaces.compose!.dir)).byId['caps-dropped']!.summary).toMatch(new RegExp(`^${composeProject}[-_]api-service[-_]1 runs with no capabilities`));
  });

  it('judges a stale image as stale, and a Dockerfile alone when nothing is built', async () => {
    const stale = await prepareVariant('good', { container: goodContainer, dirName: 'stale' });
    writeFileSync(join(stale, 'api-service/Dockerfile'), VARIANTS['user-root'].dockerfile);
    const r = (await check(stale)).byId['non-root-user']!;
    table.record('lab-05', 'non-root-user', 'stale-image', verdictOf(r));
    expect([r.status, r.mistake]).toEqual(['fail', 'image-stale']);
    writeDojoYaml(stale, `dojo-test/lab05-api:never-built-${ID}`, goodContainer);
    const unbuilt = (await check(stale)).byId['non-root-user']!;
    table.record('lab-05', 'non-root-user', 'not-built-user-root', verdictOf(unbuilt));
    expect([unbuilt.status, unbuilt.summary]).toEqual(['fail', 'the final stage runs as root (judged from the Dockerfile: the image is not built)']);
    writeFileSync(join(stale, 'api-service/Dockerfile'), VARIANTS.good.dockerfile);
    const unbuiltGood = (await check(stale)).byId['non-root-user']!;
    table.record('lab-05', 'non-root-user', 'not-built-user-app', verdictOf(unbuiltGood));
    expect(unbuiltGood.status).toBe('error');
  });
});

describe('secrets are never printed', () => {
  it('planted values are in the images, and in no output format or the state file', async () => {
    // The test means something only if the engine really holds the values.
    expect(await docker('image', 'inspect', '-f', '{{json .Config.Env}}', imageOf('env-api-key'))).toContain(PLANTED.apiKey);
    expect(await docker('history', '--no-trunc', imageOf('build-arg-history'))).toContain(PLANTED.token);
    for (const name of ['env-api-key', 'build-arg-history', 'dotenv-copied'] as const) {
      const ws = workspaces[name]!.dir;
      for (const format of ['text', 'json', 'junit']) {
        const r = await dojo(['check', 'lab-05', '--exercise', '5a', '-w', ws, '--format', format], { PATH: PATH_WITHOUT_SCANNER });
        expect(r.code, `${name} ${format}`).toBe(1);
        for (const value of Object.values(PLANTED)) expect(r.stdout + r.stderr, `${name} ${format}`).not.toContain(value);
      }
      const state = readFileSync(join(ws, '.dojo/state.json'), 'utf8');
      for (const value of Object.values(PLANTED)) expect(state, name).not.toContain(value);
    }
  });
});

describe('image-scan', () => {
  /** A stand-in `trivy` that prints a captured real report and records how dojo called it. */
  function fakeTrivy(script: string) {
    const dir = mkdtempSync(join(tmpdir(), 'dojo-l5-trivy-'));
    writeFileSync(join(dir, 'trivy'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\nenv | grep '^TRIVY_' | sort > "${dir}/env"\n${script}\n`);
    chmodSync(join(dir, 'trivy'), 0o755);
    return { path: `${dir}:${PATH_WITHOUT_SCANNER}`, args: () => readFileSync(join(dir, 'args'), 'utf8').split('\n'), env: () => readFileSync(join(dir, 'env'), 'utf8') };
  }

  it('without a scanner: skipped, saying how to install one', async () => {
    const scan = (await check(workspaces.good!.dir)).byId['image-scan']!;
    expect(scan.summary).toBe('no vulnerability scanner on PATH (looked for trivy, grype)');
    expect(scan.evidence.join('\n')).toMatch(/install trivy .*--download-db-only/s);
  });

  it('with trivy: counts by severity from its JSON, fails on CRITICAL, and runs it offline', async () => {
    const trivy = fakeTrivy(`cat "${TRIVY_REPORT}"`);
    const scan = (await check(workspaces.good!.dir, { PATH: trivy.path })).byId['image-scan']!;
    expect(scan.status).toBe('fail');
    expect(scan.evidence).toEqual([
      'trivy (offline): CRITICAL 1, HIGH 0, MEDIUM 0, LOW 1, UNKNOWN 0',
      'CRITICAL CVE-2019-18224 in libidn2-0 2.0.5-1, fixed in 2.0.5-1+deb10u1',
    ]);
    expect(trivy.args()).toEqual(expect.arrayContaining(['image', '--offline-scan', '--skip-db-update', '--format', 'json', imageOf('good')]));
    expect(trivy.env()).toContain('TRIVY_SKIP_JAVA_DB_UPDATE=true');
    expect(trivy.env()).toContain('TRIVY_IMAGE_SRC=docker');
  });

  it('with trivy and nothing CRITICAL: passes and still shows the counts', async () => {
    const report = JSON.parse(readFileSync(TRIVY_REPORT, 'utf8'));
    report.Results[0].Vulnerabilities = report.Results[0].Vulnerabilities.filter((v: { Severity: string }) => v.Severity !== 'CRITICAL');
    const file = join(mkdtempSync(join(tmpdir(), 'dojo-l5-report-')), 'report.json');
    writeFileSync(file, JSON.stringify(report));
    const scan = (await check(workspaces.good!.dir, { PATH: fakeTrivy(`cat "${file}"`).path })).byId['image-scan']!;
    expect([scan.status, scan.evidence[0]]).toEqual(['pass', 'trivy (offline): CRITICAL 0, HIGH 0, MEDIUM 0, LOW 1, UNKNOWN 0']);
  });

  it('with trivy but no database yet: skipped, never downloaded', async () => {
    const trivy = fakeTrivy(`echo "2026-07-03T14:33:40+03:00\tERROR\t[vulndb] The first run cannot skip downloading DB" >&2
echo "2026-07-03T14:33:40+03:00\tFATAL\tFatal error\trun error: init error: DB error: database error: --skip-db-update cannot be specified on the first run" >&2
exit 1`);
    const scan = (await check(workspaces.good!.dir, { PATH: trivy.path })).byId['image-scan']!;
    expect([scan.status, scan.summary]).toEqual(['skip', 'trivy has no vulnerability database yet, and dojo does not download one']);
  });
});

it("left the student's containers running", async () => {
  const names = Object.keys(CONTAINERS).map((n) => `${ID}-${n}`);
  expect((await docker('inspect', '-f', '{{.State.Running}}', ...names)).split('\n')).toEqual(names.map(() => 'true'));
});

it("the verdict table equals every other engine's", async () => {
  expect(await table.compare()).toEqual([]);
});
