import { relative } from 'node:path';
import { DojoError } from '../../errors.js';
import { connectEngine, type Engine } from '../../engine/client.js';
import { TimeoutError, withTimeout } from '../../engine/timeout.js';
import { readContext } from './context.js';
import { readComposeStack, readContainer, readNetwork, readVolume } from './runtime.js';
import { readImage } from './image.js';
import { readImageFs } from './imagefs.js';
import type { ImageFacts } from './image-model.js';
import { rebuildProbe } from './rebuild.js';
import { factKey, mergeRequests, needsEngine, type FactRequest } from './requests.js';
import { runThrowaway } from './run.js';
import { Facts, FactUnavailable } from './store.js';

export interface Collected {
  facts: Facts;
  /** When each fact was ready, in ms since collection started. */
  readyAt: Map<string, number>;
  engine: { reachable: boolean; error?: DojoError; endpoint?: string; version?: string };
}

/** Collects every requested fact once, all in parallel; failures become FactUnavailable values. */
export async function collectFacts(requests: FactRequest[], workspaceDir: string): Promise<Collected> {
  const merged = mergeRequests(requests);
  const facts = new Facts();
  const readyAt = new Map<string, number>();
  const started = Date.now();
  let engine: Engine | undefined;
  let engineError: DojoError | undefined;
  // Static facts do not wait for the engine; engine facts wait for one connection attempt.
  const connected = [...merged.values()].some(needsEngine)
    ? connectEngine().then(
        (e) => void (engine = e),
        (err: unknown) => {
          if (!(err instanceof DojoError)) throw err;
          engineError = err;
        },
      )
    : Promise.resolve();
  const images = new Map<string, Promise<ImageFacts | null>>();
  const image = (ref: string) => {
    if (!images.has(ref)) images.set(ref, withTimeout(readImage(engine!, ref), 30_000, `inspecting ${ref}`));
    return images.get(ref)!;
  };
  const requireImage = async (ref: string) => {
    const found = await image(ref);
    if (!found) throw new FactUnavailable(`no image tagged ${ref} in the engine`);
    return found;
  };
  const rel = (p: string) => relative(workspaceDir, p) || '.';

  const collectOne = async (r: FactRequest): Promise<unknown> => {
    if (needsEngine(r)) await connected;
    if (needsEngine(r) && !engine) throw new FactUnavailable(engineError?.message ?? 'the Docker engine does not answer');
    switch (r.type) {
      case 'dockerfile':
        // Loaded here, not at start-up, so the engine warm-up is not queued behind the parser.
        return (await import('./dockerfile.js')).readDockerfile(r.path, r.buildArgs);
      case 'context':
        return readContext(r.dir);
      case 'image':
        return image(r.ref);
      case 'imagefs':
        return withTimeout(readImageFs(engine!, r.ref, requireImage(r.ref), r.paths, r.entrypoint, r.files), 60_000, `reading files of ${r.ref}`);
      case 'run':
        return withTimeout(runThrowaway(engine!, await requireImage(r.ref), r.seconds), (r.seconds + 30) * 1000, `the throwaway container of ${r.ref}`);
      case 'rebuild':
        return rebuildProbe(engine!, readContext(r.context), r.dockerfile, r.buildArgs, r.timeoutSec);
      case 'compose':
        return (await import('./compose.js')).readCompose(r.files);
      case 'container':
        return withTimeout(readContainer(engine!, r.name), 30_000, `inspecting container ${r.name}`);
      case 'network':
        return withTimeout(readNetwork(engine!, r.name), 30_000, `inspecting network ${r.name}`);
      case 'volume':
        return withTimeout(readVolume(engine!, r.name), 30_000, `inspecting volume ${r.name}`);
      case 'composestack':
        return withTimeout(readComposeStack(engine!, r.project), 30_000, `listing the containers of compose project ${r.project}`);
    }
  };

  await Promise.all(
    [...merged.entries()].map(async ([key, r]) => {
      let value: unknown;
      try {
        value = await collectOne(r);
      } catch (err) {
        value = err instanceof FactUnavailable ? err : new FactUnavailable(describe(err, r, rel));
      }
      // Merged requests answer every original request with the same key.
      for (const orig of requests) if (factKey(orig) === key) facts.set(orig, value);
      readyAt.set(key, Date.now() - started);
    }),
  );
  await connected;
  if (process.env.DOJO_DEBUG) for (const [k, ms] of readyAt) process.stderr.write(`dojo: fact ${k.slice(0, 60)} ready at ${ms} ms (collection began ${Math.round(started - performance.timeOrigin)} ms after start)\n`);
  return {
    facts,
    readyAt,
    engine: engine
      ? { reachable: true, endpoint: engine.endpoint.url, version: engine.version.Version }
      : { reachable: !engineError, error: engineError },
  };
}

function describe(err: unknown, r: FactRequest, rel: (p: string) => string): string {
  if (err instanceof TimeoutError) return `${err.message}: is the engine overloaded or hung?`;
  const e = err as { json?: { message?: string }; message?: string; code?: string };
  const what =
    r.type === 'dockerfile' ? rel(r.path) : r.type === 'context' ? rel(r.dir) : r.type === 'compose' ? r.files.map(rel).join(', ')
    : r.type === 'composestack' ? r.project : 'ref' in r ? r.ref : 'name' in r ? r.name : rel(r.context);
  return `could not read ${r.type} facts for ${what}: ${(e.json?.message ?? e.message ?? String(err)).trim()}`;
}
