import type { Engine } from '../../engine/client.js';
import type Docker from 'dockerode';
import { createTempContainer, type TempContainer } from '../../engine/temp-container.js';
import { exists } from './archive.js';
import { rememberedProbeImage, rememberProbeImage } from './probe-image-cache.js';

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

/** The local images that may have busybox, in the order they are tried. */
async function candidates(engine: Engine): Promise<ProbeImage[]> {
  // An image named busybox is tried first: each candidate costs a throwaway container, and the
  // smallest image on an engine is often a static binary on scratch. The check still decides.
  const named = (i: { RepoTags?: string[] }) => ((i.RepoTags ?? []).some((t) => /(^|\/)busybox:/.test(t)) ? 0 : 1);
  return (await engine.docker.listImages())
    .filter((i) => (i.RepoTags ?? []).some((t) => t !== '<none>:<none>'))
    .sort((a, b) => named(a) - named(b) || a.Size - b.Size)
    .slice(0, 12)
    .map((img) => ({
      ref: img.RepoTags!.find((t) => t !== '<none>:<none>')!,
      why: `${named(img) === 0 ? 'a local busybox image' : 'the smallest local image with /bin/busybox'} (${(img.Size / 1e6).toFixed(1)} MB)`,
    }));
}

async function choose(engine: Engine): Promise<ProbeImage | null> {
  for (const c of await candidates(engine)) if (await withBusybox(engine, c.ref)) return c;
  return null;
}

/**
 * A throwaway container of the probe image, made by `make`. While no image is chosen yet, each
 * candidate is tried with that container itself (its /bin/busybox looked up before anything starts
 * it), so the choice costs no container of its own; the image found is remembered as probeImage's,
 * and across runs (probe-image-cache.ts), where it is tried first without listing the images.
 */
export async function probeContainer(engine: Engine, configured: string | undefined, make: (ref: string) => TempContainer): Promise<{ image: ProbeImage; temp: TempContainer; container: Docker.Container } | null> {
  const made = async (image: ProbeImage | null) => {
    if (!image) return null;
    const temp = make(image.ref);
    return { image, temp, container: await temp.created };
  };
  if (configured || chosen.has(engine)) return made(await probeImage(engine, configured));
  let found: ProbeImage | null = null;
  const search = (async () => {
    const last = rememberedProbeImage(engine);
    async function* images() {
      if (last) yield last;
      for (const c of await candidates(engine)) if (c.ref !== last?.ref) yield c;
    }
    for await (const image of images()) {
      const temp = make(image.ref);
      const container = await temp.created.catch(() => null);
      const ok = container ? await exists(container, '/bin/busybox').catch((err: unknown) => { temp.release(); throw err; }) : false;
      if (ok) {
        found = image;
        rememberProbeImage(engine, image);
        return { image, temp, container: container! };
      }
      temp.release();
    }
    return null;
  })();
  chosen.set(engine, search.then(() => found, () => choose(engine)));
  return search;
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
