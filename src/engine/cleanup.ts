import { AsyncLocalStorage } from 'node:async_hooks';
import { hostname } from 'node:os';

/**
 * Everything dojo creates in the engine is registered here and removed in `finally`, on
 * SIGINT/SIGTERM too. Students' own objects are never registered, so never touched.
 */
export const TEMP_LABEL = 'io.dojo.temp';

type Task = () => Promise<unknown>;
const pending = new Map<number, { what: string; task: Task }>();
let nextId = 1;
let installed = false;
let interruptedBy: number | null = null;
const interruption = new AbortController();

/** The exit code of a signal being handled (130, 143), or null. */
export const interrupted = (): number | null => interruptedBy;

/**
 * Aborted when SIGINT/SIGTERM arrives. Asking for it installs the handlers: a command that can be
 * interrupted cleanly asks before it starts; the others keep Node's default (exit at once).
 */
export function interruptSignal(): AbortSignal {
  installSignalHandlers();
  return interruption.signal;
}

export function labels(purpose: string): Record<string, string> {
  return { [TEMP_LABEL]: '1', 'io.dojo.purpose': purpose, 'io.dojo.pid': String(process.pid), 'io.dojo.host': hostname() };
}

/** Registers a removal; returns a function that runs it once and unregisters it. */
export function track(what: string, task: Task): () => Promise<void> {
  installSignalHandlers();
  const id = nextId++;
  pending.set(id, { what, task });
  scopeOf.getStore()?.add(id);
  return async () => {
    if (!pending.delete(id)) return;
    await task().catch(() => undefined);
  };
}

const inFlight = new Set<Promise<unknown>>();

/** The removals registered by one run, whatever async path registered them. */
export interface CleanupScope {
  run<T>(fn: () => T): T;
  /** Removes what this run registered and still holds; the process's other runs keep theirs. */
  release(): Promise<void>;
  pending(): string[];
}

const scopeOf = new AsyncLocalStorage<Set<number>>();

/**
 * A process that runs many runs (`dojo watch`) cannot wait for its exit to remove a superseded
 * run's throwaway objects: each run registers into its own scope and releases it when it settles.
 */
export function cleanupScope(): CleanupScope {
  const ids = new Set<number>();
  return {
    run: (fn) => scopeOf.run(ids, fn),
    release: async () => {
      const tasks = [...ids].flatMap((id) => {
        const t = pending.get(id);
        pending.delete(id);
        return t ? [t.task] : [];
      });
      ids.clear();
      await Promise.all(tasks.map((task) => task().catch(() => undefined)));
    },
    pending: () => [...ids].flatMap((id) => (pending.has(id) ? [pending.get(id)!.what] : [])),
  };
}

/**
 * Starts a registered removal now without waiting for it: the result is not held up by it, and
 * cleanupAll() still waits for it before the process exits.
 */
export function releaseInBackground(release: () => Promise<void>): void {
  const p = release().finally(() => inFlight.delete(p));
  inFlight.add(p);
}

/** Removes what is still registered; a hung engine cannot hold the exit for longer than `ms`. */
export async function cleanupAll(ms = 30_000): Promise<void> {
  const tasks = [...pending.values()];
  pending.clear();
  let timer: NodeJS.Timeout | undefined;
  const removals = Promise.all(tasks.map((t) => t.task().catch(() => undefined)));
  // A second caller (the signal handler and the entry's `finally`) then waits for these too.
  const all = Promise.all([removals, ...inFlight]).then(() => true);
  releaseInBackground(() => removals.then(() => undefined));
  const late = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  const done = await Promise.race([all, late]).finally(() => clearTimeout(timer));
  if (!done) {
    process.stderr.write(`dojo: the engine did not confirm removing ${tasks.map((t) => t.what).join(', ') || 'a throwaway container'}; check \`docker ps -a --filter label=${TEMP_LABEL}=1\`\n`);
  }
}

export const pendingCleanups = (): string[] => [...pending.values()].map((t) => t.what);

const EXIT_GRACE_MS = 1_000;

function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      interruptedBy = code;
      process.stderr.write(`\ndojo: ${signal}: removing what dojo created in the engine…\n`);
      interruption.abort();
      const hardStop = setTimeout(() => process.exit(code), 15_000);
      hardStop.unref();
      // The interrupted command usually ends first and exits itself (after saying so); this grace
      // period is for one stuck on an engine call that does not hear the abort.
      void cleanupAll().finally(() => setTimeout(() => process.exit(code), EXIT_GRACE_MS));
    });
  }
}
