// `dojo validate --solutions` on the real engine: the built-in course's solutions and starters for
// labs 01 to 05 (04 and 05 as Compose projects, 05 with its break-fix scenarios), and the docker-fundamentals pack's, with local stand-ins for the public images
// the solutions name (nothing is pulled). Stand-in images carry io.dojo.testobj and this process's
// id and are removed in afterAll; what dojo itself builds and starts must be gone when it exits.
import { execa } from 'execa';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, dojo } from '../support/cli.js';
import { COURSE as BUILTIN, copyCourse } from '../support/course.js';
import { tempWorkspace } from '../support/workspace.js';

const PACK = fileURLToPath(new URL('../../courses/docker-fundamentals', import.meta.url));
const ID = `sol${process.pid}`;
const LABEL = 'io.dojo.testobj=1';
const docker = (...args: string[]) => execa('docker', args, { env: { DOCKER_BUILDKIT: '0' } }).then((r) => String(r.stdout).trim());
const GO = 'golang:1.22-bookworm=dojo-fixture/golang:bookworm-1';
const NGINX = `${ID}-nginx:1`;
const STRICT_PG = `${ID}-strict-postgres:15`;
const APT = `${ID}-aptbase:1`;
const images = [NGINX, STRICT_PG, APT];

/** What dojo validate --solutions creates: none of it may outlive the command. */
const leftovers = async () => {
  const imgs = await docker('images', '-q', '--filter', 'label=io.dojo.purpose=solution');
  const tags = await docker('images', '--format', '{{.Repository}}', '--filter', 'reference=dojo-solution/*', '--filter', 'reference=dojo-starter/*', '--filter', 'reference=dojo-*-standin-*/*');
  const ctrs = await docker('ps', '-aq', '--filter', 'label=io.dojo.purpose=solution');
  const nets = await docker('network', 'ls', '-q', '--filter', 'label=io.dojo.purpose=solution');
  const vols = await docker('volume', 'ls', '-q', '--filter', 'label=io.dojo.purpose=solution');
  return [imgs, tags, ctrs, nets, vols].join('\n').split('\n').filter(Boolean);
};
const solutions = (args: string[], env: Record<string, string> = {}) => dojo(['validate', '--solutions', ...args, '--format', 'json'], env);
/** Every compose project dojo brought up is gone with its containers, networks and volumes. */
const projects = async () => (await docker('ps', '-a', '--format', '{{.Label "com.docker.compose.project"}}', '--filter', 'label=io.dojo.purpose=solution')).split('\n').filter(Boolean);
const PG = 'postgres:15=dojo-fixture/postgres:15-1';
type Side = { status: string; problem: string | null; checks: { id: string; status: string; ok: boolean }[] };
const statuses = (json: { labs: { lab: string; solution: Side; starter: Side }[] }) =>
  Object.fromEntries(json.labs.map((l) => [l.lab, `${l.solution.status}/${l.starter.status}`]));

beforeAll(async () => {
  const build = (tag: string, files: Record<string, string>) => docker('build', '-q', '--label', LABEL, '-t', tag, tempWorkspace(files));
  await Promise.all([
    // busybox httpd serving nginx's folder on nginx's port stands in for nginx.
    build(NGINX, { Dockerfile: 'FROM dojo-fixture/busybox:1\nRUN mkdir -p /usr/share/nginx/html\nCMD ["httpd", "-f", "-p", "80", "-h", "/usr/share/nginx/html"]\n' }),
    // The fixture postgres, refusing to start without a password as the official image does.
    build(STRICT_PG, {
      Dockerfile: 'FROM dojo-fixture/postgres:15-1\nCOPY strict.sh /usr/local/bin/strict.sh\nENTRYPOINT ["/bin/sh", "/usr/local/bin/strict.sh"]\n',
      'strict.sh': 'if [ -z "$POSTGRES_PASSWORD" ]; then echo "Error: Database is uninitialized and superuser password is not specified." >&2; exit 1; fi\nexec /usr/local/bin/entrypoint.sh\n',
    }),
    // Debian whose only apt source is a local repository with a tiny package named curl.
    build(APT, { Dockerfile: [
      'FROM dojo-fixture/debian:bookworm-1',
      'RUN d=/tmp/pkg && mkdir -p $d/DEBIAN $d/usr/bin /srv/repo \\',
      " && printf 'Package: curl\\nVersion: 99.0\\nArchitecture: all\\nMaintainer: dojo <dojo@example.invalid>\\nDescription: a stand-in for tests\\n' > $d/DEBIAN/control \\",
      " && printf '#!/bin/sh\\necho curl stand-in\\n' > $d/usr/bin/curl && chmod 755 $d/usr/bin/curl \\",
      ' && dpkg-deb --build $d /srv/repo/curl_99.0_all.deb >/dev/null && rm -rf $d && cd /srv/repo \\',
      ' && { dpkg-deb -f curl_99.0_all.deb; echo "Filename: ./curl_99.0_all.deb"; echo "Size: $(stat -c %s curl_99.0_all.deb)"; echo "SHA256: $(sha256sum curl_99.0_all.deb | cut -d" " -f1)"; echo; } > Packages \\',
      " && rm -f /etc/apt/sources.list /etc/apt/sources.list.d/* && echo 'deb [trusted=yes] file:/srv/repo ./' > /etc/apt/sources.list",
    ].join('\n') + '\n' }),
  ]);
}, 600_000);

afterAll(async () => {
  await execa('docker', ['rmi', ...images], { reject: false });
});

describe('dojo validate --solutions', () => {
  it('built-in labs 01 and 02: every check passes on the solution and the starter fails what it must; nothing is left behind', async () => {
    const r = await solutions(['--lab', 'lab-01', 'lab-02', '--stand-in', GO]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(statuses(r.json())).toEqual({ 'lab-01': 'ok/ok', 'lab-02': 'ok/ok' });
    const lab01 = r.json().labs[0];
    // The quiz is graded from the solution's answers file: a pass, not a skip.
    expect(lab01.solution.checks.find((c: { id: string }) => c.id === 'namespaces-quiz').status).toBe('pass');
    expect(lab01.starter.checks.map((c: { status: string }) => c.status).every((s: string) => s === 'fail' || s === 'error')).toBe(true);
    expect(await leftovers()).toEqual([]);
  }, 600_000);

  it('built-in lab 03: three containers on a throwaway network with throwaway volumes; the starter on the default bridge fails what it must', async () => {
    const r = await solutions(['--lab', 'lab-03', '--stand-in', GO, '--stand-in', 'postgres:15=dojo-fixture/postgres:15-1']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(statuses(r.json())).toEqual({ 'lab-03': 'ok/ok' });
    const starter = Object.fromEntries(r.json().labs[0].starter.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
    expect(starter).toMatchObject({ 'user-network': 'fail', 'name-resolution': 'fail', 'named-volume': 'fail', 'data-survives': 'fail' });
    expect(await leftovers()).toEqual([]);
  }, 600_000);

  it('built-in lab 04: the stack with Compose v2 (base file and dev override) under a throwaway project; the starter without a compose file fails everything', async () => {
    const r = await solutions(['--lab', 'lab-04', '--stand-in', GO, '--stand-in', PG]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(statuses(r.json())).toEqual({ 'lab-04': 'ok/ok' });
    const { solution, starter } = r.json().labs[0];
    expect(solution.checks.map((c: { status: string }) => c.status)).toEqual(Array(10).fill('pass'));
    expect(starter.checks.every((c: { status: string }) => c.status === 'fail' || c.status === 'error')).toBe(true);
    expect(starter.notes).toContain('no compose file to bring up: docker-compose.yml');
    expect([await leftovers(), await projects()]).toEqual([[], []]);
  }, 600_000);

  it('built-in lab 04 with Compose v1 (no --wait: dojo waits for the containers itself)', async () => {
    const r = await solutions(['--lab', 'lab-04', '--stand-in', GO, '--stand-in', PG], { DOJO_COMPOSE: 'v1' });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(statuses(r.json())).toEqual({ 'lab-04': 'ok/ok' });
    expect([await leftovers(), await projects()]).toEqual([[], []]);
  }, 600_000);

  it('built-in lab 05: 5a with Compose, 5b as throwaway twins of the scenarios (never the lab05-* containers); unpinned bases stay unpinned under a stand-in', async () => {
    const r = await solutions(['--lab', 'lab-05', '--stand-in', GO, '--stand-in', 'golang=dojo-fixture/golang:bookworm-1', '--stand-in', 'debian=dojo-fixture/debian:bookworm-1']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(statuses(r.json())).toEqual({ 'lab-05': 'ok/ok' });
    const { solution, starter } = r.json().labs[0];
    const byId = (side: Side) => Object.fromEntries(side.checks.map((c) => [c.id, c.status]));
    // No scanner on the test machines: image-scan is skipped on both sides, which proves nothing either way.
    expect(byId(solution)).toEqual({
      'non-root-user': 'pass', 'pinned-base': 'pass', 'no-secrets': 'pass', 'caps-dropped': 'pass', 'resource-limits': 'pass', 'read-only-rootfs': 'pass',
      'image-scan': expect.stringMatching(/^(pass|skip)$/), 'api-starts': 'pass', 'report-fits-memory': 'pass', 'worker-reaches-db': 'pass', 'web-answers': 'pass',
    });
    expect(byId(starter)).toMatchObject({
      'non-root-user': 'fail', 'pinned-base': 'fail', 'no-secrets': 'fail', 'caps-dropped': 'fail', 'resource-limits': 'fail', 'read-only-rootfs': 'fail',
      'api-starts': 'fail', 'report-fits-memory': 'fail', 'worker-reaches-db': 'fail', 'web-answers': 'fail',
    });
    const summaries = [...solution.checks, ...starter.checks].filter((c: { id: string }) => ['api-starts', 'web-answers'].includes(c.id)).map((c: { summary: string }) => c.summary);
    for (const s of summaries) expect(s).toMatch(/^dojo-(solution|starter)-lab-05-lab05-/);
    expect([await leftovers(), await projects()]).toEqual([[], []]);
  }, 900_000);

  it('the docker-fundamentals pack with stand-ins for nginx, postgres and ubuntu: all three labs as they must be', async () => {
    const r = await solutions([PACK, '--stand-in', `nginx:1.27-alpine=${NGINX}`, '--stand-in', `postgres:16=${STRICT_PG}`, '--stand-in', `ubuntu:24.04=${APT}`]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(statuses(r.json())).toEqual({ 'lab-01': 'ok/ok', 'lab-02': 'ok/ok', 'lab-03': 'ok/ok' });
    expect(r.stdout).not.toContain('solution-only-password');
    expect(await leftovers()).toEqual([]);
  }, 600_000);

  it('a solution that is wrong fails with exit 1 and names the check; a starter that passes what it must fail too', async () => {
    const course = copyCourse('dojo-solutions-');
    for (const d of ['solutions', 'starters']) cpSync(join(BUILTIN, d), join(course, d), { recursive: true }); // sources/ comes with copyCourse
    // lab-02's solution becomes its own starter (one stage), and the starter gets the real solution.
    const solved = readFileSync(join(course, 'solutions/lab-02/api-service/Dockerfile'), 'utf8');
    writeFileSync(join(course, 'solutions/lab-02/api-service/Dockerfile'), readFileSync(join(course, 'starters/lab-02/api-service/Dockerfile'), 'utf8'));
    writeFileSync(join(course, 'starters/lab-02/api-service/Dockerfile'), solved);
    const r = await solutions([course, '--lab', 'lab-02', '--stand-in', GO]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const lab = r.json().labs[0];
    expect([lab.solution.status, lab.starter.status]).toEqual(['wrong', 'wrong']);
    expect(lab.solution.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['multi-stage', 'no-toolchain']));
    const text = await dojo(['validate', '--solutions', course, '--lab', 'lab-02', '--stand-in', GO]);
    expect(text.stdout).toMatch(/✗ multi-stage: fail, must pass: /);
    expect(text.stdout).toMatch(/✗ multi-stage: pass, must fail: /);
    expect(await leftovers()).toEqual([]);
  }, 600_000);

  it('a base image the engine does not have is not pulled: exit 4, and it says how to go on', async () => {
    const r = await solutions(['--lab', 'lab-02']);
    expect(r.code).toBe(4);
    expect(r.json().labs[0].solution).toMatchObject({ status: 'error', problem: expect.stringContaining('needs golang:1.22-bookworm, not on this engine; dojo pulls nothing') });
    expect(await docker('images', '-q', 'golang:1.22-bookworm')).toBe('');
  }, 120_000);

  it('Ctrl-C during a solution build removes what dojo had created', async () => {
    const contexts = () => readdirSync(tmpdir()).filter((f) => f.startsWith('dojo-solution-ctx-'));
    const before = new Set(contexts());
    const child = execa('node', [BIN, 'validate', '--solutions', '--lab', 'lab-02', '--stand-in', GO], { reject: false, env: { CI: 'true', FORCE_COLOR: '0' } });
    // Interrupt once this run's build context exists: the build is being sent or running.
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && !contexts().some((f) => !before.has(f))) await new Promise((r) => setTimeout(r, 50));
    expect(contexts().some((f) => !before.has(f))).toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toContain('SIGINT: removing what dojo created in the engine');
    expect(await leftovers()).toEqual([]);
    expect(contexts().filter((f) => !before.has(f))).toEqual([]);
  }, 180_000);

  it('Ctrl-C while the compose project comes up takes the project down (containers, network, volume, built images)', async () => {
    const child = execa('node', [BIN, 'validate', '--solutions', '--lab', 'lab-04', '--stand-in', GO, '--stand-in', PG], { reject: false, env: { CI: 'true', FORCE_COLOR: '0' } });
    const deadline = Date.now() + 300_000;
    const mine = () => docker('ps', '-aq', '--filter', `label=io.dojo.pid=${child.pid}`, '--filter', 'label=com.docker.compose.project');
    while (Date.now() < deadline && !(await mine())) await new Promise((r) => setTimeout(r, 100));
    expect(await mine()).not.toBe('');
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect([await leftovers(), await projects()]).toEqual([[], []]);
  }, 360_000);
});
