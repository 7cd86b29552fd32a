import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Engine } from '../engine/client.js';
import { labels, track } from '../engine/cleanup.js';
import { createTempContainer } from '../engine/temp-container.js';
import { withTimeout } from '../engine/timeout.js';
import type { ServiceTarget } from '../workspace.js';
import type { Renamed } from './prepare.js';
import type { RunEntry } from './setup.js';
import type { ScenariosFile } from '../scenarios/schema.js';

/**
 * A removal that waits for the containers using the object to be gone (they are removed at the same
 * time): the engine refuses while one is attached (409 for a volume or image, 403 for a network).
 */
async function removeWhenFree(remove: () => Promise<unknown>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await remove().then(() => true, (e: { statusCode?: number }) => e.statusCode === 404))) {
    if (Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The setup's throwaway networks and volumes, with dojo's labels, each removed again with the run. */
export async function createNetworksAndVolumes(engine: Engine, own: Pick<Renamed, 'networks' | 'volumes'>): Promise<void> {
  for (const name of Object.values(own.networks)) {
    const created = engine.docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: labels(PURPOSE) });
    track(`network ${name}`, async () => { const net = await created.catch(() => null); if (net) await removeWhenFree(() => net.remove()); });
    await created;
  }
  for (const name of Object.values(own.volumes)) {
    const created = engine.docker.createVolume({ Name: name, Labels: labels(PURPOSE) });
    track(`volume ${name}`, async () => { if (await created.then(() => true, () => false)) await removeWhenFree(() => engine.docker.getVolume(name).remove()); });
    await created;
  }
}

const PURPOSE = 'solution';

/** The base images a Dockerfile needs from the engine (stages of its own and scratch need none); null: a base it cannot resolve. */
export async function baseImages(dockerfile: string, buildArgs: Record<string, string>): Promise<(string | null)[]> {
  const { readDockerfile } = await import('../checks/facts/dockerfile.js');
  const df = readDockerfile(dockerfile, buildArgs);
  return df.stages.filter((s) => s.fromStage === null && s.base !== 'scratch').map((s) => s.base);
}

/** Which of these references the engine does not have: dojo pulls nothing, so those cannot be used. */
export async function missingLocally(engine: Engine, refs: string[]): Promise<string[]> {
  const found = await Promise.all(refs.map((r) => engine.docker.getImage(r).inspect().then(() => true, () => false)));
  return refs.filter((_, i) => !found[i]);
}

/**
 * Builds a service's image as `docker build` would (the context minus .dockerignore matches), with
 * dojo's labels, under a throwaway tag; the tag and every image this build created are removed
 * again (never a cached image that was there before).
 */
export async function buildService(engine: Engine, svc: ServiceTarget, tag: string, timeoutSec = 600): Promise<string | null> {
  const { buildOnce } = await import('../checks/facts/rebuild.js');
  const { dockerignore } = await import('../checks/facts/dockerignore-matcher.js');
  const ctx = mkdtempSync(join(tmpdir(), 'dojo-solution-ctx-'));
  const removeCtx = track(`folder ${ctx}`, async () => rmSync(ctx, { recursive: true, force: true }));
  const before = new Set((await engine.docker.listImages({ all: true })).map((i) => i.Id.replace('sha256:', '').slice(0, 12)));
  const created: string[] = [];
  const running = new Set<string>();
  track(`image ${tag}`, async () => {
    await Promise.all([...running].map((id) => engine.docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
    // A check's own throwaway container of this image (container-starts) may still be on its way
    // out (removed in the background): the tag is in use until it is gone, so retry until a deadline.
    const deadline = Date.now() + 30_000;
    while (!(await engine.docker.getImage(tag).remove({ noprune: true }).then(() => true, (e: { statusCode?: number }) => e.statusCode !== 409))) {
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const id of [...new Set(created)].reverse()) if (!before.has(id)) await engine.docker.getImage(id).remove({ noprune: true }).catch(() => undefined);
  });
  try {
    const ignoreFile = join(svc.context, '.dockerignore');
    const ig = dockerignore(existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8').split(/\r?\n/) : []);
    cpSync(svc.context, ctx, {
      recursive: true,
      filter: (src) => {
        const rel = relative(svc.context, src).split('\\').join('/');
        return rel === '' || rel === '.dockerignore' || !ig.ignores(rel);
      },
    });
    let dockerfile = relative(svc.context, svc.dockerfile).split('\\').join('/');
    if (dockerfile.startsWith('..')) {
      dockerfile = 'Dockerfile.dojo-solution';
      mkdirSync(dirname(join(ctx, dockerfile)), { recursive: true });
      cpSync(svc.dockerfile, join(ctx, dockerfile));
    }
    const out = await withTimeout(buildOnce(engine, ctx, dockerfile, svc.buildArgs, tag, running, PURPOSE), timeoutSec * 1000, `the build of ${svc.name}`);
    created.push(...out.imageIds);
    return out.error ? `${out.error}${out.tail.length ? ` (last lines: ${out.tail.slice(-3).join(' | ')})` : ''}` : null;
  } finally {
    await removeCtx();
  }
}

/**
 * Starts one container of the setup under its throwaway name (dojo's labels; published ports on
 * 127.0.0.1, free ones), and waits until it runs, or, for one meant to stop, until it has exited.
 */
export async function runService(engine: Engine, entry: RunEntry, name: string, image: string, own: Pick<Renamed, 'networks' | 'volumes'>, timeoutSec = 90): Promise<string | null> {
  const ports = entry.publish.map((p) => `${p}/tcp`);
  const [first, ...more] = entry.networks.map((n) => own.networks[n]!);
  const temp = createTempContainer(engine.docker, PURPOSE, {
    name,
    Image: image,
    ...(entry.command ? { Cmd: entry.command } : {}),
    Env: entry.env,
    ...(entry.user ? { User: entry.user } : {}),
    Labels: labels(PURPOSE),
    ExposedPorts: Object.fromEntries(ports.map((p) => [p, {}])),
    HostConfig: {
      PortBindings: Object.fromEntries(ports.map((p) => [p, [{ HostIp: '127.0.0.1', HostPort: '' }]])),
      ...(first ? { NetworkMode: first } : {}),
      Binds: entry.volumes.map((v) => { const [vol, ...path] = v.split(':'); return `${own.volumes[vol!]}:${path.join(':')}`; }),
    },
    ...(first ? { NetworkingConfig: { EndpointsConfig: { [first]: { Aliases: entry.aliases } } } } : {}),
  });
  const container = await temp.created;
  for (const net of more) await engine.docker.getNetwork(net).connect({ Container: container.id, EndpointConfig: { Aliases: entry.aliases } });
  await container.start();
  const deadline = Date.now() + timeoutSec * 1000;
  for (;;) {
    const state = (await container.inspect()).State;
    const ready = entry.healthy ? state.Health?.Status === 'healthy' : state.Running;
    if (entry.exits ? !state.Running : ready) return null;
    if (!entry.exits && !state.Running && state.Status === 'exited') return `${name} exited with code ${state.ExitCode} instead of running`;
    if (Date.now() > deadline) return `${name} did not ${entry.exits ? 'exit' : entry.healthy ? 'become healthy' : 'start running'} within ${timeoutSec} s`;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts the lab's break-fix scenarios as this run's throwaway twins (their own names, image and
 * networks, dojo's solution labels), built on the same busybox tool image `dojo lab start` picks.
 * Their removal is registered first: containers, then networks, then the image.
 */
export async function startScenarioTwins(engine: Engine, file: ScenariosFile, lab: string, workspace: string, probeImage: string | undefined, signal: AbortSignal): Promise<string | null> {
  const [{ toolImage }, { startScenarios }] = await Promise.all([import('../scenarios/tool-image.js'), import('../scenarios/start.js')]);
  const d = engine.docker;
  const containers = file.scenarios.flatMap((s) => s.containers.map((c) => c.name));
  track(`scenarios ${file.image}`, async () => {
    await Promise.all(containers.map((n) => d.getContainer(n).remove({ force: true }).catch(() => undefined)));
    for (const n of file.networks) await removeWhenFree(() => d.getNetwork(n).remove());
    await removeWhenFree(() => d.getImage(file.image).remove());
  });
  let tool: { ref: string };
  try { tool = await toolImage(engine, probeImage); } catch (err) { return (err as Error).message; }
  try {
    await startScenarios(engine, file, { lab, workspace, toolImage: tool.ref, record: () => undefined, signal, labels: () => labels(PURPOSE) });
    return null;
  } catch (err) {
    return `the scenarios did not start: ${(err as Error).message}`;
  }
}
