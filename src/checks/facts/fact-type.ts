import type { Engine } from '../../engine/client.js';
import type { ImageFacts } from './image-model.js';

/** What a collector may use; the engine is connected before an engine fact is collected. */
export interface CollectContext {
  engine: Engine;
  /** One inspect + history per image per run, shared by every fact that needs it. */
  image(ref: string): Promise<ImageFacts | null>;
  /** As image(), but a missing tag makes the fact unavailable. */
  requireImage(ref: string): Promise<ImageFacts>;
  workspaceDir: string;
  signal: AbortSignal;
}

/**
 * One kind of fact, in one module: the request that asks for it, its key (equal requests share one
 * collection per run), how it is collected, what identifies it for honest attempts, and a fake for
 * unit tests. Collectors load heavy libraries lazily so start-up stays light.
 */
export interface FactType<R extends { type: string }, V> {
  type: R['type'];
  key(r: R): string;
  /** Needs a connected engine (engine facts wait for one connection attempt). */
  engine: boolean;
  /** A time limit for collecting it, in ms; none for static facts. */
  timeoutMs?(r: R): number;
  /** What the fact is about, for "could not read …" messages. */
  describe(r: R, rel: (p: string) => string): string;
  collect(r: R, ctx: CollectContext): Promise<V>;
  /** Folds two requests with the same key (e.g. the union of paths to read); default: the first. */
  merge?(a: R, b: R): R;
  /**
   * The part of the value that says whether the student changed something this fact looks at
   * (file contents, image and container ids); undefined = not part of the fingerprint.
   */
  fingerprint?(v: V): unknown;
  /**
   * Set on facts that build an image or start a throwaway container: the cheap facts whose change
   * means this one has to be collected again (`dojo watch` runs such probes only then, or on demand).
   */
  probeInputs?(r: R): { type: string }[];
  /** The value a unit test gets when it gives none (a missing file, an absent image). */
  fake(r: R): V;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFactType = FactType<any, any>;

export const defineFact = <R extends { type: string }, V>(f: FactType<R, V>): FactType<R, V> => f;
