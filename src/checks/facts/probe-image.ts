import type { Engine } from '../../engine/client.js';
import { createTempContainer } from '../../engine/temp-container.js';
import { exists } from './archive.js';

export interface ProbeImage { ref: string; why: string }

const chosen = new WeakMap<Engine, Promise<ProbeImage | null>>();

/**
 * An image already on the engine that can run the network probe: the one dojo.yaml names, else
 * a local image named busybox, else the smallest local image that has /bin/busybox (nslookup and nc
 * in one binary). Nothing is pulled, so this works when the student's own images are scratch.
 */
export function probeImage(engine: Engine, configured?: string): Promise<ProbeImage | null> {
  if (configured) return withBusybox(engine, configured).then((ok) => (ok ? { ref: configured, why: 'probeImage in dojo.yaml' } : null));
  if (!chosen.has(engine)) chosen.set(engine, choose(engine));
  return chosen.get(engine)!;
}

/** Why a configured probe image cannot serve: it is not on the engine, or it has no /bin/busybox. */
export async function probeImageProblem(engine: Engine, ref: string): Promise<'missing' | 'no-busybox'> {
  const present = await engine.docker.getImage(ref).inspect().then(() => true, () => false);
  return present ? 'no-busybox' : 'missing';
}

async function choose(engine: Engine): Promise<ProbeImage | null> {
  // An image named busybox is tried first: each candidate costs a throwaway container, and the
  // smallest image on an engine is often a static binary on scratch. The check still decides.
  const named = (i: { RepoTags?: string[] }) => ((i.RepoTags ?? []).some((t) => /(^|\/)busybox:/.test(t)) ? 0 : 1);
  const images = (await engine.docker.listImages())
    .filter((i) => (i.RepoTags ?? []).some((t) => t !== '<none>:<none>'))
    .sort((a, b) => named(a) - named(b) || a.Size - b.Size)
    .slice(0, 12);
  for (const img of images) {
    const ref = img.RepoTags!.find((t) => t !== '<none>:<none>')!;
    if (await withBusybox(engine, ref)) return { ref, why: `${named(img) === 0 ? 'a local busybox image' : 'the smallest local image with /bin/busybox'} (${(img.Size / 1e6).toFixed(1)} MB)` };
  }
  return null;
}

async function withBusybox(engine: Engine, ref: string): Promise<boolean> {
  const temp = createTempContainer(engine.docker, 'probe-image', {
    Image: ref, Entrypoint: ['/dojo-probe-never-started'], Cmd: [], NetworkDisabled: true, HostConfig: { NetworkMode: 'none' },
  });
  try {
    const c = await temp.created.catch(() => null);
    return c ? await exists(c, '/bin/busybox') : false;
  } finally {
    temp.release();
  }
}
