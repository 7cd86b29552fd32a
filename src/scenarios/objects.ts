import type { Engine } from '../engine/client.js';
import type { ScenarioObject } from '../state/types.js';
import { isOurs, labFilter } from './labels.js';

export interface FoundObject { type: 'container' | 'network' | 'image'; id: string; name: string }

const notFound = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;
const quiet = <T>(p: Promise<T>) => p.catch((err) => (notFound(err) ? null : Promise.reject(err)));

/**
 * The lab's scenario objects on the engine: those the state file recorded (by id, or by name when a
 * crash came before the id), those labelled for this lab and workspace, and containers a student ran
 * from the scenario image (their fixed versions). A recorded name that now belongs to something
 * without dojo's labels is left alone.
 */
export async function findScenarioObjects(engine: Engine, lab: string, workspace: string, recorded: ScenarioObject[], imageTag?: string): Promise<FoundObject[]> {
  const d = engine.docker;
  const filters = { label: labFilter(lab, workspace) };
  const found = new Map<string, FoundObject>();
  const add = (o: FoundObject) => found.set(`${o.type}:${o.id}`, o);

  const images = new Map<string, string>();
  for (const i of await d.listImages({ all: true, filters })) images.set(i.Id, i.RepoTags?.find((t) => t !== '<none>:<none>') ?? i.Id.replace('sha256:', '').slice(0, 12));
  for (const ref of [...recorded.filter((o) => o.type === 'image').flatMap((o) => [o.id, o.name ?? '']), imageTag ?? ''].filter(Boolean)) {
    const i = await quiet(d.getImage(ref).inspect());
    if (i && isOurs(i.Config?.Labels, lab, workspace)) images.set(i.Id, ref);
  }

  const containers = await d.listContainers({ all: true, filters });
  for (const imageId of images.keys()) containers.push(...(await d.listContainers({ all: true, filters: { ancestor: [imageId] } })));
  for (const c of containers) add({ type: 'container', id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, '') });
  for (const o of recorded.filter((x) => x.type === 'container')) {
    for (const ref of [o.id, o.name].filter((x): x is string => Boolean(x))) {
      const c = await quiet(d.getContainer(ref).inspect());
      if (c && (isOurs(c.Config.Labels, lab, workspace) || images.has(c.Image))) add({ type: 'container', id: c.Id, name: c.Name.replace(/^\//, '') });
    }
  }

  for (const n of await d.listNetworks({ filters })) add({ type: 'network', id: n.Id, name: n.Name });
  for (const o of recorded.filter((x) => x.type === 'network')) {
    for (const ref of [o.id, o.name].filter((x): x is string => Boolean(x))) {
      const n = (await quiet(d.getNetwork(ref).inspect())) as { Id: string; Name: string; Labels?: Record<string, string> } | null;
      if (n && isOurs(n.Labels, lab, workspace)) add({ type: 'network', id: n.Id, name: n.Name });
    }
  }
  for (const [id, name] of images) add({ type: 'image', id, name });
  return [...found.values()];
}

/** Removes them, containers first (with their anonymous volumes), then networks, then the image. */
export async function removeObjects(engine: Engine, objects: FoundObject[]): Promise<{ removed: FoundObject[]; failed: { object: FoundObject; error: string }[] }> {
  const removed: FoundObject[] = [];
  const failed: { object: FoundObject; error: string }[] = [];
  const d = engine.docker;
  const remove = async (o: FoundObject, fn: () => Promise<unknown>) => {
    try {
      await fn();
      removed.push(o);
    } catch (err) {
      if (notFound(err)) removed.push(o);
      else failed.push({ object: o, error: (err as { json?: { message?: string } }).json?.message ?? (err as Error).message });
    }
  };
  const of = (t: FoundObject['type']) => objects.filter((o) => o.type === t);
  await Promise.all(of('container').map((o) => remove(o, () => d.getContainer(o.id).remove({ force: true, v: true }))));
  await Promise.all(of('network').map((o) => remove(o, () => d.getNetwork(o.id).remove())));
  for (const o of of('image')) await remove(o, () => d.getImage(o.id).remove({ force: true, noprune: false }));
  return { removed, failed };
}
