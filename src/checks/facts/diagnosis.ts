import type Docker from 'dockerode';
import type { Engine } from '../../engine/client.js';
import { createTempContainer } from '../../engine/temp-container.js';
import { isSecretName, redactText } from '../redact.js';
import { missingContainer, type DiagnosisFacts } from './diagnosis-model.js';
import { probeImage } from './probe-image.js';
import { demux } from './run.js';
import { isUserDefined } from './runtime-model.js';
import { parseProcNet } from './proc-net.js';

export interface DiagnoseOptions {
  /** An image with busybox for the listener probe (dojo.yaml probeImage); else the smallest local one. */
  probeImage?: string;
  /** Give a container that started recently up to `ms` since its start to print a line matching `log`. */
  settle?: { log?: string; ms: number };
  logLines?: number;
  signal?: AbortSignal;
}

const POLL_MS = 300;

/**
 * Reads one container the way a person debugging it would: inspect, the last log lines, who else is
 * on its networks, and (when it runs and has ports) which addresses its listeners are bound to. The
 * container itself is never changed; the listener probe is a throwaway container in its network namespace.
 */
export async function readDiagnosis(engine: Engine, ref: string, opts: DiagnoseOptions = {}): Promise<DiagnosisFacts> {
  const container = engine.docker.getContainer(ref);
  let info = await inspect(container);
  if (!info) return missingContainer(ref);
  if (opts.settle) info = await settle(container, info, opts.settle, opts.signal);
  const env = (info.Config.Env ?? []).map((e) => [e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')), e.includes('=') ? e.slice(e.indexOf('=') + 1) : ''] as const);
  const secrets = env.filter(([k, v]) => isSecretName(k) && v.length >= 4).map(([, v]) => v);
  const urlPasswords = env.flatMap(([, v]) => /^[a-z][a-z0-9+.-]*:\/\/[^:/@]+:([^@]+)@/i.exec(v)?.[1] ?? []);
  const logs = (await readLogs(container, opts.logLines ?? 40)).map((l) => redactText(l, [...secrets, ...urlPasswords]));
  const [image, others] = await Promise.all([
    engine.docker.getImage(info.Image).inspect().catch(() => null),
    neighbours(engine, info),
  ]);
  const h = info.HostConfig;
  const state = info.State as Docker.ContainerInspectInfo['State'] & { Health?: { Status: string; FailingStreak: number; Log?: { ExitCode: number; Output: string }[] } };
  const failing = [...(state.Health?.Log ?? [])].reverse().find((l) => l.ExitCode !== 0);
  const exposed = Object.keys(info.Config.ExposedPorts ?? {});
  const live = Object.entries(info.NetworkSettings.Ports ?? {}).flatMap(([port, binds]) => (binds ?? []).map((b) => ({ container: port, host: `${b.HostIp || '0.0.0.0'}:${b.HostPort}` })));
  // A stopped container has no live bindings; what it asked for is still in its HostConfig.
  const asked = Object.entries(info.HostConfig.PortBindings ?? {}).flatMap(([port, binds]) => ((binds ?? []) as { HostIp?: string; HostPort?: string }[]).map((b) => ({ container: port, host: `${b.HostIp || '0.0.0.0'}:${b.HostPort || '(any free port)'}` })));
  const published = live.length ? live : asked;
  const ports = [...published, ...exposed.filter((p) => !published.some((x) => x.container === p)).map((p) => ({ container: p, host: null }))];
  const facts: DiagnosisFacts = {
    found: true,
    name: info.Name.replace(/^\//, ''),
    id: info.Id,
    image: info.Config.Image,
    imageTags: image?.RepoTags ?? [],
    imageArch: image?.Architecture ?? null,
    engineArch: engine.version.Arch ?? null,
    status: state.Status,
    running: state.Running,
    exitCode: state.ExitCode,
    oomKilled: state.OOMKilled,
    oomEvent: !state.Running && state.ExitCode === 137 && !state.OOMKilled ? await oomEventSince(engine, info.Id, state.StartedAt) : false,
    error: state.Error || null,
    startedAt: state.StartedAt && !state.StartedAt.startsWith('0001') ? state.StartedAt : null,
    restartCount: info.RestartCount,
    restartPolicy: h.RestartPolicy?.Name ?? '',
    health: state.Health ? { status: state.Health.Status, failingStreak: state.Health.FailingStreak, lastOutput: failing ? failing.Output.trim().slice(-300) : null } : null,
    user: info.Config.User ?? '',
    env: { names: env.map(([k]) => k), empty: env.filter(([, v]) => v === '').map(([k]) => k) },
    memoryLimit: h.Memory ?? 0,
    networkMode: h.NetworkMode ?? '',
    networks: Object.fromEntries(Object.entries(info.NetworkSettings.Networks ?? {}).map(([n, v]) => [n, { ip: v.IPAddress, aliases: v.Aliases ?? [] }])),
    ports,
    mounts: (info.Mounts ?? []).map((m) => ({ type: m.Type ?? '', source: m.Source, destination: m.Destination, rw: m.RW, name: m.Name ?? null })),
    logs,
    others,
    listeners: null,
    listenersNote: null,
  };
  await readListeners(engine, facts, opts.probeImage);
  return facts;
}

async function inspect(container: Docker.Container): Promise<Docker.ContainerInspectInfo | null> {
  try {
    return await container.inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
}

/** A container that just started has not said much yet: poll (with a deadline) for the line that shows it is up. */
async function settle(container: Docker.Container, info: Docker.ContainerInspectInfo, s: { log?: string; ms: number }, signal?: AbortSignal): Promise<Docker.ContainerInspectInfo> {
  const deadline = Date.parse(info.State.StartedAt) + s.ms;
  const pattern = s.log ? new RegExp(s.log) : null;
  let current = info;
  while (current.State.Running && Date.now() < deadline && !signal?.aborted) {
    if (pattern && (await readLogs(container, 20)).some((l) => pattern.test(l))) break;
    await new Promise((r) => setTimeout(r, POLL_MS));
    current = (await inspect(container)) ?? current;
  }
  return current;
}

/** The engine's event log, read back (not followed) for an `oom` of this container since it started. */
async function oomEventSince(engine: Engine, id: string, startedAt: string): Promise<boolean> {
  const since = Math.floor(Date.parse(startedAt) / 1000) || 0;
  const until = Math.ceil(Date.now() / 1000);
  try {
    const stream = (await engine.docker.getEvents({ since, until, filters: { container: [id], event: ['oom'] } })) as unknown as NodeJS.ReadableStream;
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    return text.includes('"oom"');
  } catch {
    return false;
  }
}

async function readLogs(container: Docker.Container, lines: number): Promise<string[]> {
  const buf = (await container.logs({ stdout: true, stderr: true, tail: lines, follow: false }).catch(() => Buffer.alloc(0))) as unknown as Buffer;
  return demux(buf).slice(-lines);
}

/** The names every other container answers to, per network: its name, its aliases, its Compose service. */
async function neighbours(engine: Engine, info: Docker.ContainerInspectInfo): Promise<DiagnosisFacts['others']> {
  const mine = new Set(Object.keys(info.NetworkSettings.Networks ?? {}).filter(isUserDefined));
  const list = await engine.docker.listContainers({ all: true });
  return Promise.all(list.filter((c) => c.Id !== info.Id).map(async (c) => {
    const name = (c.Names[0] ?? c.Id).replace(/^\//, '');
    const service = c.Labels['com.docker.compose.service'];
    const nets = Object.keys(c.NetworkSettings?.Networks ?? {});
    // Aliases are per network and only in a full inspect: worth it for the networks this container is on.
    const shared = nets.some((n) => mine.has(n));
    const full = shared ? await engine.docker.getContainer(c.Id).inspect().catch(() => null) : null;
    const networks = Object.fromEntries(nets.map((n) => {
      const aliases = full?.NetworkSettings.Networks?.[n]?.Aliases ?? [];
      const names = isUserDefined(n) ? [name, ...(service ? [service] : []), ...aliases] : [];
      return [n, [...new Set(names)]];
    }));
    return { name, networks };
  }));
}

async function readListeners(engine: Engine, facts: DiagnosisFacts, configured?: string): Promise<void> {
  if (!facts.running) return;
  if (!facts.ports.length) return;
  // The engine refuses to join a restarting container's namespace (409): say why instead of its error.
  if (facts.status === 'restarting') {
    facts.listenersNote = `it is restarting (${facts.restartCount} restarts so far); its listeners were not read`;
    return;
  }
  if (facts.networkMode === 'host' || facts.networkMode.startsWith('container:')) {
    facts.listenersNote = `it shares another network namespace (${facts.networkMode}); its listeners were not read`;
    return;
  }
  const image = await probeImage(engine, configured);
  if (!image) {
    facts.listenersNote = 'no local image with /bin/busybox to read its listeners with (set probeImage in dojo.yaml); nothing is pulled';
    return;
  }
  const temp = createTempContainer(engine.docker, 'listeners', {
    Image: image.ref, Entrypoint: ['/bin/busybox', 'cat', '/proc/net/tcp', '/proc/net/tcp6'], Cmd: [], Tty: false,
    HostConfig: { NetworkMode: `container:${facts.id}` },
  });
  try {
    const c = await temp.created;
    await c.start();
    await c.wait();
    facts.listeners = parseProcNet(demux((await c.logs({ stdout: true, stderr: false, follow: false })) as unknown as Buffer));
  } catch (err) {
    facts.listenersNote = `its listeners could not be read: ${(err as Error).message}`;
  } finally {
    temp.release();
  }
}
