import { relative } from 'node:path';
import { DojoError } from '../../errors.js';
import { connectEngine, type Engine } from '../../engine/client.js';
import { TimeoutError, withTimeout } from '../../engine/timeout.js';
import type { CollectContext } from './fact-type.js';
import { readImage } from './image.js';
import type { ImageFacts } from './image-model.js';
import { factType, type FactRequest } from './registry.js';
import { mergeRequests } from './requests.js';
import { Facts, FactUnavailable } from './store.js';

export interface Collected {
  facts: Facts;
  /** When each fact was ready, in ms since collection started. */
  readyAt: Map<string, number>;
  /** When each fact's collection began and ended, in ms since collection started. */
  spans: Map<string, readonly [number, number]>;
  engine: { reachable: boolean; error?: DojoError; endpoint?: string; version?: string; apiVersion?: string };
}

export interface CollectOptions {
  signal?: AbortSignal;
  /** Called as each fact is ready (the runner turns it into progress events). */
  onFact?: (key: string) => void;
  /** Filled as facts arrive, so a caller can judge a check as soon as its facts are in. */
  facts?: Facts;
}

/** Collects every requested fact once, all in parallel; failures become FactUnavailable values. */
export async function collectFacts(requests: FactRequest[], workspaceDir: string, opts: CollectOptions = {}): Promise<Collected> {
  const merged = mergeRequests(requests);
  const facts = opts.facts ?? new Facts();
  const readyAt = new Map<string, number>();
  const spans = new Map<string, readonly [number, number]>();
  const started = Date.now();
  const signal = opts.signal ?? new AbortController().signal;
  let engine: Engine | undefined;
  let engineError: DojoError | undefined;
  // Static facts do not wait for the engine; engine facts wait for one connection attempt.
  const connected = [...merged.values()].some((r) => factType(r).engine)
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
  const rel = (p: string) => relative(workspaceDir, p) || '.';
  const context = (): CollectContext => ({
    engine: engine!,
    image,
    requireImage: async (ref) => {
      const found = await image(ref);
      if (!found) throw new FactUnavailable(`no image tagged ${ref} in the engine`);
      return found;
    },
    workspaceDir,
    signal,
  });

  const collectOne = async (r: FactRequest): Promise<unknown> => {
    const type = factType(r);
    if (type.engine) {
      await connected;
      if (!engine) throw new FactUnavailable(engineError?.message ?? 'the Docker engine does not answer');
    }
    // A cancelled run starts no probe: nothing created after the cancel could escape its cleanup.
    if (signal.aborted) throw new FactUnavailable('interrupted');
    const work = type.collect(r, context());
    const ms = type.timeoutMs?.(r);
    return ms ? withTimeout(work, ms, `reading ${type.describe(r, rel)}`) : work;
  };

  await Promise.all(
    [...merged.entries()].map(async ([key, r]) => {
      const begun = Date.now() - started;
      let value: unknown;
      try {
        value = await collectOne(r);
      } catch (err) {
        value = err instanceof FactUnavailable ? err : new FactUnavailable(describe(err, r, rel));
      }
      // Merged requests answer every original request with the same key.
      facts.set(r, value);
      readyAt.set(key, Date.now() - started);
      opts.onFact?.(key);
      // The span ends after the checks this fact completed were judged: rule time is part of it, counted once.
      spans.set(key, [begun, Date.now() - started]);
    }),
  );
  await connected;
  if (process.env.DOJO_DEBUG) for (const [k, ms] of readyAt) process.stderr.write(`dojo: fact ${k.slice(0, 60)} ready at ${ms} ms (collection began ${Math.round(started - performance.timeOrigin)} ms after start)\n`);
  return {
    facts,
    readyAt,
    spans,
    engine: engine
      ? { reachable: true, endpoint: engine.endpoint.url, version: engine.version.Version, apiVersion: engine.version.ApiVersion }
      : { reachable: !engineError, error: engineError },
  };
}

function describe(err: unknown, r: FactRequest, rel: (p: string) => string): string {
  if (err instanceof TimeoutError) return `${err.message}: is the engine overloaded or hung?`;
  const e = err as { json?: { message?: string }; message?: string };
  return `could not read ${r.type} facts for ${factType(r).describe(r, rel)}: ${(e.json?.message ?? e.message ?? String(err)).trim()}`;
}
