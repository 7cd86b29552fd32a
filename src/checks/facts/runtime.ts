import type { Engine } from '../../engine/client.js';
import type { ComposeStackFacts, ContainerFacts, NetworkFacts, VolumeFacts } from './runtime-model.js';

/**
 * Labels Compose (v1 1.29 and v2 2.26, checked on the engine) puts on the containers of a service and
 * never on an image: v2 stamps the images it builds with project and service, so a `docker run` of
 * such an image carries those two but is no part of the project. `run` containers have oneoff=True.
 */
const OWN_LABELS = ['com.docker.compose.oneoff=False', 'com.docker.compose.container-number'];

const notFound = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;

/**
 * One inspect of the student's container; null when there is none. Found by name (docker run), or
 * for a Compose service by its project and service labels (v1 and v2 name containers differently).
 */
export async function readContainer(engine: Engine, name: string, compose?: { project: string; service: string }): Promise<ContainerFacts | null> {
  let ref = name;
  if (compose) {
    const list = await engine.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${compose.project}`, `com.docker.compose.service=${compose.service}`, ...OWN_LABELS] } });
    const mine = list.sort((a, b) => Number(b.State === 'running') - Number(a.State === 'running'));
    if (!mine[0]) return null;
    ref = mine[0].Id;
  }
  let c;
  try {
    c = await engine.docker.getContainer(ref).inspect();
  } catch (err) {
    if (notFound(err)) return null;
    throw err;
  }
  const h = c.HostConfig;
  return {
    name: c.Name.replace(/^\//, ''),
    id: c.Id,
    image: c.Config.Image,
    imageId: c.Image,
    status: c.State.Status,
    running: c.State.Running,
    exitCode: c.State.ExitCode,
    finishedAt: c.State.FinishedAt && !c.State.FinishedAt.startsWith('0001') ? c.State.FinishedAt : null,
    stateError: (c.State as { Error?: string }).Error ?? '',
    oomKilled: c.State.OOMKilled,
    restartCount: c.RestartCount,
    health: (c.State as { Health?: { Status: string } }).Health?.Status ?? null,
    user: c.Config.User ?? '',
    env: Object.fromEntries((c.Config.Env ?? []).map((e) => [e.slice(0, e.indexOf('=') < 0 ? e.length : e.indexOf('=')), e.includes('=') ? e.slice(e.indexOf('=') + 1) : ''])),
    mounts: (c.Mounts ?? []).map((m) => ({ type: m.Type ?? '', name: m.Name ?? null, source: m.Source, destination: m.Destination, rw: m.RW })),
    networks: Object.fromEntries(Object.entries(c.NetworkSettings.Networks ?? {}).map(([n, v]) => [n, { ip: v.IPAddress, aliases: v.Aliases ?? [] }])),
    ports: Object.entries(c.NetworkSettings.Ports ?? {}).flatMap(([port, binds]) => (binds ?? []).map((b) => ({ container: port, host: `${b.HostIp || '0.0.0.0'}:${b.HostPort}` }))),
    capAdd: h.CapAdd ?? [],
    capDrop: h.CapDrop ?? [],
    privileged: h.Privileged ?? false,
    readonlyRootfs: h.ReadonlyRootfs ?? false,
    memoryLimit: h.Memory ?? 0,
    securityOpt: h.SecurityOpt ?? [],
    pidsLimit: h.PidsLimit && h.PidsLimit > 0 ? h.PidsLimit : null,
    nanoCpus: h.NanoCpus ?? 0,
    tmpfs: Object.keys((h as { Tmpfs?: Record<string, string> }).Tmpfs ?? {}),
    tmpfsOptions: { ...(h as { Tmpfs?: Record<string, string> }).Tmpfs },
    labels: c.Config.Labels ?? {},
  };
}

export async function readNetwork(engine: Engine, name: string): Promise<NetworkFacts | null> {
  try {
    const n = (await engine.docker.getNetwork(name).inspect()) as { Name: string; Driver: string; Internal: boolean; Containers?: Record<string, { Name: string; IPv4Address: string }> };
    return { name: n.Name, driver: n.Driver, internal: n.Internal, containers: Object.values(n.Containers ?? {}).map((c) => ({ name: c.Name, ip: c.IPv4Address })) };
  } catch (err) {
    if (notFound(err)) return null;
    throw err;
  }
}

/** The volume, and which containers mount it (filtered in the engine, so unrelated ones cost nothing). */
export async function readVolume(engine: Engine, name: string): Promise<VolumeFacts | null> {
  let v;
  try {
    v = await engine.docker.getVolume(name).inspect();
  } catch (err) {
    if (notFound(err)) return null;
    throw err;
  }
  const users = await engine.docker.listContainers({ all: true, filters: { volume: [name] } });
  return {
    name: v.Name,
    driver: v.Driver,
    usedBy: users.map((c) => ({ name: (c.Names[0] ?? c.Id).replace(/^\//, ''), destination: c.Mounts.find((m) => m.Name === name)?.Destination ?? null })),
  };
}

/**
 * Containers of a Compose project, found by the labels Compose v1 and v2 both set (v1 names them
 * flowforge_api_1, v2 flowforge-api-1: names are never guessed). One inspect each, for health logs.
 */
export async function readComposeStack(engine: Engine, project: string): Promise<ComposeStackFacts> {
  const list = await engine.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`, ...OWN_LABELS] } });
  const containers = await Promise.all(
    list.map(async (c) => {
      const info = await engine.docker.getContainer(c.Id).inspect().catch(() => null);
      const health = (info?.State as { Health?: { Status: string; Log?: { ExitCode: number; Output: string }[] } } | undefined)?.Health;
      const failing = [...(health?.Log ?? [])].reverse().find((l) => l.ExitCode !== 0);
      return {
        service: c.Labels['com.docker.compose.service'] ?? '?',
        name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
        id: c.Id,
        image: c.Image,
        state: info?.State.Status ?? c.State,
        exitCode: info && !info.State.Running ? info.State.ExitCode : null,
        stateError: (info?.State as { Error?: string } | undefined)?.Error ?? '',
        health: health?.Status ?? null,
        lastHealthFailure: failing ? failing.Output.trim().split('\n').slice(-3).join(' | ').slice(0, 300) : null,
      };
    }),
  );
  return { project, containers };
}
