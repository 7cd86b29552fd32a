import { defineFact } from './fact-type.js';
import type { RunFacts } from './probe-model.js';
import { runThrowaway } from './run.js';

export type RunRequest = { type: 'run'; ref: string; seconds: number; env?: string[]; network?: string };

/** A throwaway container of the image, looked at after `seconds`. */
export const runFact = defineFact<RunRequest, RunFacts>({
  type: 'run',
  key: (r) => `run:${r.ref}:${r.seconds}:${JSON.stringify(r.env ?? [])}:${r.network ?? ''}`,
  engine: true,
  timeoutMs: (r) => (r.seconds + 30) * 1000,
  describe: (r) => `the throwaway container of ${r.ref}`,
  collect: async (r, ctx) => runThrowaway(ctx.engine, await ctx.requireImage(r.ref), r.seconds, { env: r.env, network: r.network, signal: ctx.signal }),
  probeInputs: (r) => [{ type: 'image', ref: r.ref }],
  fake: (r) => ({ ref: r.ref, seconds: r.seconds, running: true, exitCode: null, oomKilled: false, error: null, logsTail: [] }),
});
