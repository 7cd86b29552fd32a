import { mkdtempSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, dojo } from '../support/cli.js';
import { tempWorkspace } from '../support/workspace.js';
import { GOOD, WORK } from '../support/fixtures.mjs';

const docker = async (...args: string[]) => String((await execa('docker', args)).stdout).trim();
/** What the dojo process `pid` left in the engine; other processes' objects (another run, a developer's) are not judged. */
const tempObjects = async (pid: number | undefined) =>
  [
    await docker('ps', '-aq', '--filter', `label=io.dojo.pid=${pid}`),
    await docker('images', '-aq', '--filter', `label=io.dojo.pid=${pid}`),
    await docker('images', '-q', `dojo-probe/rebuild-${pid}-*`),
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
    expect(await tempObjects(r.pid)).toBe('');
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

  it('Ctrl-C at any moment, even while a create call is in flight, leaves nothing of dojo behind', async () => {
    // The delays sweep the start of a run: engine connection, image inspect, the probe container's
    // create call, its archive reads, the throwaway container of lab-01.
    for (const [lab, delay] of [['lab-02', 150], ['lab-02', 250], ['lab-02', 350], ['lab-02', 450], ['lab-01', 300], ['lab-01', 500], ['lab-01', 1500]] as const) {
      const child = execa('node', [BIN, 'check', lab, '--skip', lab === 'lab-02' ? 'cache-reuse' : 'namespaces-quiz', '-w', GOOD], { reject: false, env: { CI: 'true', FORCE_COLOR: '0' } });
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGINT');
      const r = await child;
      // Interrupted before dojo created anything (Node's default: killed by the signal), while cleaning up (130), or already done (0).
      expect(r.signal === 'SIGINT' || [0, 130].includes(r.exitCode ?? -1), `${lab} at ${delay} ms: ${r.exitCode} ${r.signal}\n${r.stdout}\n${r.stderr}`).toBe(true);
      expect(await tempObjects(child.pid), `${lab} interrupted at ${delay} ms`).toBe('');
    }
  });

  it('Ctrl-C while the engine has not yet answered a create call still removes that container', async () => {
    // A proxy in front of the real engine holds back the answer to POST /containers/create, so the
    // signal lands exactly while dojo cannot know the container's id yet.
    const dir = mkdtempSync(join(tmpdir(), 'dojo-proxy-'));
    const sock = join(dir, 'docker.sock');
    let sawCreate!: () => void;
    const createSeen = new Promise<void>((r) => (sawCreate = r));
    const proxy = createServer((client) => {
      const upstream = connect('/var/run/docker.sock');
      let held = false;
      client.on('data', (chunk: Buffer) => {
        if (/^POST \S*\/containers\/create/.test(chunk.toString('latin1'))) {
          held = true;
          sawCreate();
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => (held ? setTimeout(() => client.write(chunk), 2_000) : client.write(chunk)));
      upstream.on('end', () => setTimeout(() => client.end(), held ? 2_100 : 0));
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((r) => proxy.listen(sock, r));
    try {
      const child = execa('node', [BIN, 'check', 'lab-02', '--only', 'no-toolchain', '-w', GOOD], { reject: false, env: { CI: 'true', FORCE_COLOR: '0', DOCKER_HOST: `unix://${sock}` } });
      await createSeen;
      child.kill('SIGINT');
      const r = await child;
      expect(r.exitCode).toBe(130);
      expect(await tempObjects(child.pid)).toBe('');
    } finally {
      proxy.close();
    }
  });

  it('Ctrl-C during a running build step removes what dojo created, the step included, and exits 130', async () => {
    // This test's build is told apart from anything else on the engine (other runs, a developer's
    // builds) by its WORKDIR, which every image of its steps carries; its step container by the pid in its command.
    const workdir = `/src-${process.pid}`;
    const ws = tempWorkspace({
      'api-service/go.mod': 'module slow\n\ngo 1.19\n',
      'api-service/main.go': 'package main\n\nfunc main() {}\n',
      'api-service/Dockerfile': `FROM dojo-fixture/busybox:1\nWORKDIR ${workdir}\nCOPY go.mod ./\nRUN sleep 30 && go mod download # ${process.pid}\nCOPY . .\n`,
    });
    const imageIds = async () => new Set((await docker('images', '-aq', '--no-trunc')).split('\n').filter(Boolean));
    const ofThisBuild = async (ids: string[]) => {
      if (!ids.length) return [];
      const r = await execa('docker', ['image', 'inspect', '-f', '{{.ID}} {{.Config.WorkingDir}} {{.ContainerConfig.WorkingDir}}', ...ids], { reject: false });
      return String(r.stdout).split('\n').filter((l) => l.split(' ').slice(1).includes(workdir));
    };
    const stepContainers = async () => (await docker('ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Command}}')).split('\n').filter((l) => l.includes(`# ${process.pid}`));
    if ((await execa('docker', ['buildx', 'version'], { reject: false })).exitCode === 0) return buildKitInterrupt(ws);
    const before = await imageIds();
    const child = execa('node', [BIN, 'check', 'lab-02', '--only', 'cache-reuse', '-w', ws], { reject: false, env: { CI: 'true', FORCE_COLOR: '0' } });
    // Interrupt once the slow step runs (its container exists), not after a guessed delay.
    for (const deadline = Date.now() + 60_000; !(await stepContainers()).length; ) {
      if (Date.now() > deadline) throw new Error('the build step never started');
      await new Promise((r) => setTimeout(r, 100));
    }
    // The filter below means something: the build's earlier steps have left images it finds.
    expect((await ofThisBuild([...(await imageIds())].filter((id) => !before.has(id)))).length).toBeGreaterThan(0);
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(String(r.stderr)).toContain('removing what dojo created');
    expect(await tempObjects(child.pid)).toBe('');
    // The engine removes the step's container when the build is cancelled: poll for that with a deadline.
    for (const deadline = Date.now() + 15_000; (await stepContainers()).length && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 200));
    expect(await stepContainers()).toEqual([]);
    const created = [...(await imageIds())].filter((id) => !before.has(id));
    expect(await ofThisBuild(created)).toEqual([]);
  });
});

/**
 * The same under BuildKit (the 26 leg): the step runs in the engine's BuildKit executor, not as a
 * container, so the test waits for its process on this host; afterwards the buildx build is gone,
 * the step's process too, and no build-cache record the probe made is left.
 */
async function buildKitInterrupt(ws: string): Promise<void> {
  const cacheIds = async () => (await docker('buildx', 'du', '--verbose')).split('\n').filter((l) => l.startsWith('ID:')).sort();
  const step = async () => (await execa('pgrep', ['-f', `sleep 30 && go mod download # ${process.pid}`], { reject: false })).stdout.trim();
  const before = await cacheIds();
  const child = execa('node', [BIN, 'check', 'lab-02', '--only', 'cache-reuse', '-w', ws], { reject: false, env: { CI: 'true', FORCE_COLOR: '0' } });
  for (const deadline = Date.now() + 60_000; !(await step()); ) {
    if (Date.now() > deadline) throw new Error('the build step never started');
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGINT');
  const r = await child;
  expect(r.exitCode).toBe(130);
  expect(String(r.stderr)).toContain('removing what dojo created');
  expect(await tempObjects(child.pid)).toBe('');
  // BuildKit cancels the step when the build's client goes: poll for that with a deadline.
  for (const deadline = Date.now() + 15_000; (await step()) && Date.now() < deadline; ) await new Promise((res) => setTimeout(res, 200));
  expect(await step()).toBe('');
  expect(await cacheIds()).toEqual(before);
}
