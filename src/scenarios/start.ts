import type Docker from 'dockerode';
import type { Engine } from '../engine/client.js';
import type { ScenarioObject } from '../state/types.js';
import { dockerfile, programScript } from './programs.js';
import { scenarioLabels } from './labels.js';
import type { ScenarioContainer, ScenariosFile } from './schema.js';

export interface StartContext {
  lab: string;
  workspace: string;
  toolImage: string;
  /** Called before an object is created (id = its name) and again with its id: a crash in between still leaves a name to clean. */
  record(o: ScenarioObject): void;
  signal: AbortSignal;
  /** The labels of every object (default: the scenario labels `dojo lab stop` finds them by). */
  labels?(scenario: string): Record<string, string>;
}

export interface StartedContainer { name: string; id: string; scenario: string; support: boolean; publishes: string[] }

const ALL = '*';
const labelsOf = (ctx: StartContext, scenario: string) => ctx.labels?.(scenario) ?? scenarioLabels(ctx.lab, scenario, ctx.workspace);

/** Builds the scenario image, creates the networks, then creates and starts every scenario container. */
export async function startScenarios(engine: Engine, file: ScenariosFile, ctx: StartContext): Promise<StartedContainer[]> {
  const d = engine.docker;
  const stamp = () => new Date().toISOString();
  const step = async <T extends { id: string }>(type: ScenarioObject['type'], name: string, scenario: string, create: () => Promise<T>): Promise<T> => {
    if (ctx.signal.aborted) throw new Error('interrupted');
    ctx.record({ type, id: name, name, scenario, createdAt: stamp() });
    const made = await create();
    ctx.record({ type, id: made.id, name, scenario, createdAt: stamp() });
    return made;
  };

  await step('image', file.image, ALL, async () => ({ id: await buildImage(d, file, ctx) }));
  await settled(file.networks.map((net) =>
    step('network', net, ALL, () => d.createNetwork({ Name: net, Driver: 'bridge', CheckDuplicate: true, Labels: labelsOf(ctx, ALL) }))));
  // Scenarios side by side (the engine is the slow part); within one, in order (a database before its client).
  const started: StartedContainer[] = [];
  await settled(file.scenarios.map(async (s) => {
    for (const c of s.containers) {
      const container = await step('container', c.name, s.id, () => d.createContainer(createOptions(file, s.id, c, ctx)));
      await container.start();
      started.push({ name: c.name, id: container.id, scenario: s.id, support: c.support, publishes: c.publish.map((p) => `${p}/tcp`) });
    }
  }));
  return started;
}

function createOptions(file: ScenariosFile, scenario: string, c: ScenarioContainer, ctx: StartContext): Docker.ContainerCreateOptions {
  const ports = c.publish.map((p) => `${p}/tcp`);
  const memory = c.memory ? bytes(c.memory) : undefined;
  return {
    name: c.name,
    Image: file.image,
    Cmd: [c.program],
    Env: Object.entries(c.env).map(([k, v]) => `${k}=${v}`),
    Labels: labelsOf(ctx, scenario),
    ExposedPorts: Object.fromEntries(ports.map((p) => [p, {}])),
    HostConfig: {
      NetworkMode: c.network ?? 'bridge',
      // An ephemeral port on the host's loopback: never a clash with the student's own, never open to the LAN.
      PortBindings: Object.fromEntries(ports.map((p) => [p, [{ HostIp: '127.0.0.1', HostPort: '' }]])),
      ...(memory ? { Memory: memory, MemorySwap: memory } : {}),
    },
  };
}

/** Waits for all of them (nothing still in flight when the caller cleans up), then throws the first failure. */
async function settled(work: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(work);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

const bytes = (m: string): number => Number(m.slice(0, -1)) * { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m.slice(-1) as 'k' | 'm' | 'g'];

/** The programs as files on the tool image, built offline with the classic builder (its base is local: nothing is pulled). */
async function buildImage(d: Docker, file: ScenariosFile, ctx: StartContext): Promise<string> {
  const tar = await import('tar-stream').then((m) => ('default' in m ? m.default : m) as typeof import('tar-stream'));
  const pack = tar.pack();
  pack.entry({ name: 'Dockerfile' }, dockerfile(ctx.toolImage, labelsOf(ctx, ALL)));
  for (const [name, p] of Object.entries(file.programs)) pack.entry({ name: `bin/${name}`, mode: 0o755 }, programScript(name, p));
  pack.entry({ name: 'www/index.html', mode: 0o644 }, 'ok\n');
  pack.finalize();
  const stream = await d.buildImage(pack as unknown as NodeJS.ReadableStream, { t: file.image, rm: true, forcerm: true, version: '1' } as Docker.ImageBuildOptions);
  const output = await new Promise<{ error?: string; aux?: { ID?: string } }[]>((resolve, reject) => d.modem.followProgress(stream, (err: Error | null, out: unknown[]) => (err ? reject(err) : resolve(out as never))));
  const failed = output.find((o) => o.error);
  if (failed) throw new Error(`building ${file.image} failed: ${failed.error}`);
  return (await d.getImage(file.image).inspect()).Id;
}
