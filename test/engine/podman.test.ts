// The Podman leg of the engine matrix: Podman's Docker-compatible API (`podman system service`)
// answers image and inspect calls, so the image-level checks must give Docker's verdicts there.
// Podman cannot start containers on these machines (rlimits are not permitted), so checks that
// run or build throwaway containers are compared on Docker only (README: engine matrix).
import { execa, type ResultPromise } from 'execa';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';
import { GOOD, imageTag, WORK } from '../support/fixtures.mjs';

const dir = mkdtempSync(join(tmpdir(), 'dojo-podman-'));
const socket = join(dir, 'podman.sock');
// Its own storage (vfs: no mounts left behind), so nothing of a developer's Podman is touched.
const podmanArgs = ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), '--storage-driver', 'vfs'];
const env = { DOCKER_HOST: `unix://${socket}` };
// Small images on purpose: vfs copies every layer, and a toolchain image takes minutes to load.
const images = [imageTag('good'), imageTag('dynamic-binary'), imageTag('rm-later-layer')];
// What Podman can judge: everything but the checks that start or build containers.
const SKIP: Record<string, string> = { 'lab-01': 'container-starts', 'lab-02': 'cache-reuse' };
let service: ResultPromise | undefined;

async function answers(): Promise<boolean> {
  const r = await execa('curl', ['-sf', '--unix-socket', socket, 'http://d/_ping'], { reject: false });
  return r.exitCode === 0;
}

beforeAll(async () => {
  service = execa('podman', [...podmanArgs, 'system', 'service', '--time=0', `unix://${socket}`], { reject: false });
  for (const deadline = Date.now() + 30_000; !(existsSync(socket) && (await answers())); ) {
    if (Date.now() > deadline) throw new Error(`podman system service did not answer on ${socket}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const image of images) {
    await execa('sh', ['-c', `docker save ${image} | podman ${podmanArgs.join(' ')} load`]);
  }
}, 180_000);

afterAll(async () => {
  service?.kill();
  await service;
  rmSync(dir, { recursive: true, force: true });
});

const verdicts = async (lab: string, ws: string, extraEnv: Record<string, string> = {}) => {
  const r = await dojo(['check', lab, '-w', ws, '--skip', SKIP[lab]!, '--format', 'json'], extraEnv);
  if (!r.stdout.trim()) throw new Error(`dojo printed nothing (exit ${r.code}): ${r.stderr}`);
  return Object.fromEntries(r.json().checks.map((c: { id: string; status: string }) => [c.id, c.status])) as Record<string, string>;
};

describe('Podman (Docker-compatible API)', () => {
  it('doctor says it is Podman and what dojo can judge there', async () => {
    const r = await dojo(['doctor'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Podman \d+\.\d+/);
    expect(r.stdout).toContain('not supported on Podman');
  });

  for (const [name, ws] of [['good', GOOD], ['dynamic-binary', `${WORK}/dynamic-binary`], ['rm-later-layer', `${WORK}/rm-later-layer`]] as const) {
    it(`lab-01 and lab-02 image checks give Docker's verdicts on the ${name} workspace`, async () => {
      for (const lab of ['lab-01', 'lab-02']) {
        const onDocker = await verdicts(lab, ws);
        const onPodman = await verdicts(lab, ws, env);
        expect(onPodman, `${lab} on ${name}`).toEqual(onDocker);
      }
      if (name === 'dynamic-binary') expect(await verdicts('lab-02', ws, env)).toMatchObject({ 'static-binary': 'fail' });
      if (name === 'rm-later-layer') expect(await verdicts('lab-02', ws, env)).toMatchObject({ 'same-layer-cleanup': 'fail' });
    });
  }
});
