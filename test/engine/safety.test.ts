import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, dojo } from '../support/cli.js';
import { tempWorkspace } from '../support/workspace.js';
import { GOOD, WORK } from '../support/fixtures.mjs';

const docker = async (...args: string[]) => String((await execa('docker', args)).stdout).trim();
const tempObjects = async () =>
  [
    await docker('ps', '-aq', '--filter', 'label=io.dojo.temp=1'),
    await docker('images', '-aq', '--filter', 'label=io.dojo.temp=1'),
    await docker('images', '-q', 'dojo-probe/*'),
  ].join('').trim();

describe("students' things are theirs", () => {
  const name = `student-api-${process.pid}`;
  let id = '';
  beforeAll(async () => {
    id = await docker('run', '-d', '--name', name, 'dojo-test/api-service:good');
  });
  afterAll(async () => {
    await execa('docker', ['rm', '-f', name], { reject: false });
  });

  it('a full check run leaves the student container, image and tags as they were', async () => {
    const imageBefore = await docker('image', 'inspect', '-f', '{{.Id}}', 'dojo-test/api-service:good');
    const r = await dojo(['check', 'lab-02', '-w', GOOD]);
    expect(r.code).toBe(0);
    expect(await docker('inspect', '-f', '{{.Id}} {{.State.Running}}', name)).toBe(`${id} true`);
    expect(await docker('image', 'inspect', '-f', '{{.Id}}', 'dojo-test/api-service:good')).toBe(imageBefore);
    expect(await tempObjects()).toBe('');
  });
});

describe('engine trouble', () => {
  it('an unreachable engine ends in exit 3; static checks still report', async () => {
    const r = await dojo(['check', 'lab-01', '-w', GOOD, '--format', 'json'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(r.code).toBe(3);
    const json = r.json();
    expect(json.engine).toMatchObject({ reachable: false, message: expect.stringContaining('/nonexistent/docker.sock') });
    const byId = Object.fromEntries(json.checks.map((c: { id: string; status: string }) => [c.id, c.status]));
    expect(byId).toMatchObject({ 'dockerfile-parses': 'pass', 'exec-form': 'pass', dockerignore: 'pass', 'image-exists': 'error' });
    expect(r.stderr).toContain('dojo doctor');
  });

  it('doctor names the endpoint and versions', async () => {
    const ok = (await dojo(['doctor', '--format', 'json'])).json();
    expect(ok).toMatchObject({ ok: true, endpoint: { url: expect.stringMatching(/^unix:\/\//) }, engine: { reachable: true, apiVersion: expect.any(String) } });
    const down = await dojo(['doctor'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(down.code).toBe(3);
    expect(down.stdout).toContain('✗ engine   unix:///nonexistent/docker.sock (DOCKER_HOST)');
  });

  it('Ctrl-C during a running build step removes what dojo created, the step included, and exits 130', async () => {
    const ws = tempWorkspace({
      'api-service/go.mod': 'module slow\n\ngo 1.19\n',
      'api-service/main.go': 'package main\n\nfunc main() {}\n',
      'api-service/Dockerfile': `FROM dojo-fixture/busybox:1\nWORKDIR /src\nCOPY go.mod ./\nRUN sleep 30 && echo go mod download ${process.pid}\nCOPY . .\n`,
    });
    const images = async () => (await docker('images', '-aq')).split('\n').sort().join(',');
    const before = await images();
    const child = execa('node', [BIN, 'check', 'lab-02', '--only', 'cache-reuse', '-w', ws], { reject: false, env: { CI: 'true', FORCE_COLOR: '0' } });
    await new Promise((r) => setTimeout(r, 3_000));
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(String(r.stderr)).toContain('removing what dojo created');
    expect(await tempObjects()).toBe('');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await docker('ps', '-aq')).toBe('');
    expect(await images()).toBe(before);
  });
});
