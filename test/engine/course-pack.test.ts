// The second course pack (courses/docker-fundamentals) on a real engine, loaded with --course: the
// test plays the student for each lab, right and in one common wrong way, with local fixture images
// standing in for nginx, postgres and ubuntu (nothing is pulled). Everything it creates carries
// io.dojo.testobj and a name with this process's id, and is removed in afterAll.
import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { tempWorkspace } from '../support/workspace.js';

const COURSE = fileURLToPath(new URL('../../courses/docker-fundamentals', import.meta.url));
const ID = `pk${process.pid}`;
const LABEL = 'io.dojo.testobj=1';
const docker = (...args: string[]) => execa('docker', args, { env: { DOCKER_BUILDKIT: '0' } }).then((r) => String(r.stdout).trim());
const run = (...args: string[]) => docker('run', '-d', '--label', LABEL, ...args);
const build = (tag: string, dir: string) => docker('build', '-q', '--label', LABEL, '-t', tag, dir);
const images: string[] = [];

const check = async (lab: string, ws: string) => {
  const r = await dojo(['check', lab, '--course', COURSE, '-w', ws, '--format', 'json']);
  type C = { id: string; status: string; summary: string; evidence: string[] };
  const checks: C[] = r.json().checks;
  return { code: r.code, raw: r.stdout, status: Object.fromEntries(checks.map((c) => [c.id, c.status])), detail: checks.map((c) => `${c.id}: ${c.status} ${c.summary} | ${c.evidence.join(' | ')}`).join('\n') };
};

/** Waits until `url` answers, or fails after the deadline. */
async function fetchText(url: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try { return await (await fetch(url)).text(); } catch (e) { if (Date.now() > deadline) throw e; }
    await new Promise((r) => setTimeout(r, 200));
  }
}

// lab-01: busybox httpd stands in for nginx, serving the same folder on the same port.
const web = (name: string) => tempWorkspace({
  'dojo.yaml': `services:\n  web: { image: "${ID}-web-${name}:v1", container: ${ID}-web-${name} }\n`,
  'web/index.html': 'Hello KubeDojo!\n',
  'web/Dockerfile': 'FROM dojo-fixture/busybox:1\nCOPY index.html /usr/share/nginx/html/index.html\nCMD ["httpd", "-f", "-p", "80", "-h", "/usr/share/nginx/html"]\n',
});
// lab-02: the fixture postgres behind an entrypoint that refuses to start without a password, as the official image does.
const STRICT_PG = `${ID}-strict-postgres:15`;
// lab-03: a Debian base whose apt source is a local file repository with one small package.
const APT_BASE = `${ID}-aptbase:1`;
const tools = (name: string, run: string) => tempWorkspace({
  'dojo.yaml': `services:\n  tools: { image: "${ID}-tools-${name}:1" }\n`,
  'ubuntu-curl/Dockerfile': `FROM ${APT_BASE}\n${run}\n`,
});

const ws: Record<string, string> = {};
beforeAll(async () => {
  const pg = tempWorkspace({
    'Dockerfile': 'FROM dojo-fixture/postgres:15-1\nCOPY strict.sh /usr/local/bin/strict.sh\nENTRYPOINT ["/bin/sh", "/usr/local/bin/strict.sh"]\n',
    'strict.sh': 'if [ -z "$POSTGRES_PASSWORD" ]; then echo "Error: Database is uninitialized and superuser password is not specified." >&2; exit 1; fi\nexec /usr/local/bin/entrypoint.sh\n',
  });
  const apt = tempWorkspace({ 'Dockerfile': [
    'FROM dojo-fixture/debian:bookworm-1',
    'RUN d=/tmp/pkg && mkdir -p $d/DEBIAN $d/usr/bin /srv/repo \\',
    " && printf 'Package: dojo-hello\\nVersion: 1.0\\nArchitecture: all\\nMaintainer: dojo <dojo@example.invalid>\\nDescription: a tiny package for tests\\n' > $d/DEBIAN/control \\",
    " && printf '#!/bin/sh\\necho hello\\n' > $d/usr/bin/dojo-hello && chmod 755 $d/usr/bin/dojo-hello \\",
    ' && dpkg-deb --build $d /srv/repo/dojo-hello_1.0_all.deb >/dev/null && rm -rf $d && cd /srv/repo \\',
    ' && { dpkg-deb -f dojo-hello_1.0_all.deb; echo "Filename: ./dojo-hello_1.0_all.deb"; echo "Size: $(stat -c %s dojo-hello_1.0_all.deb)"; echo "SHA256: $(sha256sum dojo-hello_1.0_all.deb | cut -d" " -f1)"; echo; } > Packages \\',
    " && rm -f /etc/apt/sources.list /etc/apt/sources.list.d/* && echo 'deb [trusted=yes] file:/srv/repo ./' > /etc/apt/sources.list",
  ].join('\n') + '\n' });
  ws.webGood = web('good');
  ws.webWrongPort = web('wrongport');
  ws.toolsGood = tools('good', 'RUN apt-get update && apt-get install -y --no-install-recommends dojo-hello && rm -rf /var/lib/apt/lists/*');
  ws.toolsSplit = tools('split', 'RUN apt-get update\nRUN apt-get install -y --no-install-recommends dojo-hello && rm -rf /var/lib/apt/lists/*');
  await Promise.all([build(STRICT_PG, pg), build(APT_BASE, apt)]);
  images.push(STRICT_PG, APT_BASE);
  for (const name of ['good', 'wrongport']) { await build(`${ID}-web-${name}:v1`, join(ws[`web${name === 'good' ? 'Good' : 'WrongPort'}`]!, 'web')); images.push(`${ID}-web-${name}:v1`); }
  for (const name of ['good', 'split']) { await build(`${ID}-tools-${name}:1`, join(ws[`tools${name === 'good' ? 'Good' : 'Split'}`]!, 'ubuntu-curl')); images.push(`${ID}-tools-${name}:1`); }
  await run('--name', `${ID}-web-good`, '-p', '127.0.0.1::80', `${ID}-web-good:v1`);
  await run('--name', `${ID}-web-wrongport`, '-p', '127.0.0.1::8080', `${ID}-web-wrongport:v1`);
  // lab-02 as the seed tells it: first without the password (it exits), then removed and rerun with it.
  for (const name of ['good', 'nopass']) {
    const wsDir = tempWorkspace({ 'dojo.yaml': `services:\n  db: { image: "${STRICT_PG}", container: ${ID}-db-${name} }\n` });
    ws[`db-${name}`] = wsDir;
    await run('--name', `${ID}-db-${name}`, STRICT_PG);
    await docker('wait', `${ID}-db-${name}`);
  }
  await docker('rm', '-v', `${ID}-db-good`);
  await run('--name', `${ID}-db-good`, '-e', 'POSTGRES_PASSWORD=pk-not-a-real-secret', STRICT_PG);
}, 600_000);

afterAll(async () => {
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}`, '--filter', `name=${ID}-`)).split('\n').filter(Boolean);
  if (ids.length) await execa('docker', ['rm', '-f', '-v', ...ids], { reject: false });
  if (images.length) await execa('docker', ['rmi', ...images.reverse()], { reject: false });
});

describe('course pack docker-fundamentals, loaded with --course', () => {
  it('list and validate work on the pack as on the built-in course', async () => {
    const list = await dojo(['list', '--course', COURSE, '-w', ws.webGood!]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/lab-01 +Your own web server image on a host port/);
    expect(list.stdout).toMatch(/lab-03 +One-step package install/);
    expect((await dojo(['validate', COURSE])).code).toBe(0);
    const hint = await dojo(['hint', 'lab-02', '--course', COURSE, '-w', ws['db-good']!]);
    expect(hint.code).toBe(0);
    expect(hint.stdout).toContain('docker ps');
  });

  it('lab-01: the correct solution serves the page on the mapped port and passes every check', async () => {
    const port = (await docker('port', `${ID}-web-good`, '80/tcp')).split('\n')[0]!.split(':').pop();
    expect(await fetchText(`http://127.0.0.1:${port}/`)).toBe('Hello KubeDojo!\n');
    const r = await check('lab-01', ws.webGood!);
    expect(r.status, r.detail).toEqual({ dockerfile: 'pass', 'pinned-base': 'pass', 'image-built': 'pass', 'web-running': 'pass', 'port-80-published': 'pass' });
    expect(r.code).toBe(0);
  });

  it('lab-01: -p host:8080 (a port nothing listens on) fails exactly the port check', async () => {
    const r = await check('lab-01', ws.webWrongPort!);
    expect(r.status, r.detail).toEqual({ dockerfile: 'pass', 'pinned-base': 'pass', 'image-built': 'pass', 'web-running': 'pass', 'port-80-published': 'fail' });
    expect(r.code).toBe(1);
  });

  it('lab-02: rerun with the password, the database keeps running; without it, the check fails with the exit code', async () => {
    const good = await check('lab-02', ws['db-good']!);
    expect(good.status, good.detail).toEqual({ 'db-running': 'pass' });
    expect(good.code).toBe(0);
    const bad = await check('lab-02', ws['db-nopass']!);
    expect(bad.status, bad.detail).toEqual({ 'db-running': 'fail' });
    expect(bad.detail).toMatch(/exit code 1/);
    expect(bad.code).toBe(1);
    expect(good.raw + bad.raw).not.toContain('pk-not-a-real-secret');
  });

  it('lab-03: update, install and cleanup in one RUN pass; the lists removed in a later RUN fail exactly same-layer-cleanup', async () => {
    const good = await check('lab-03', ws.toolsGood!);
    expect(good.status, good.detail).toEqual({ dockerfile: 'pass', 'pinned-base': 'pass', 'image-built': 'pass', 'same-layer-cleanup': 'pass' });
    expect(good.code).toBe(0);
    const split = await check('lab-03', ws.toolsSplit!);
    expect(split.status, split.detail).toEqual({ dockerfile: 'pass', 'pinned-base': 'pass', 'image-built': 'pass', 'same-layer-cleanup': 'fail' });
    expect(split.detail).toMatch(/apt-get update/);
    expect(split.code).toBe(1);
  });
});
