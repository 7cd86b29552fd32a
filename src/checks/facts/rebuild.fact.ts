import { defineFact } from './fact-type.js';
import { readContext } from './context.js';
import type { RebuildFacts } from './probe-model.js';

export type RebuildRequest = { type: 'rebuild'; context: string; dockerfile: string; buildArgs: Record<string, string>; timeoutSec: number; stage?: number };

/** The live cache probe: two builds of a temp copy of the context, one source file changed in between. */
export const rebuildFact = defineFact<RebuildRequest, RebuildFacts>({
  type: 'rebuild',
  key: (r) => `rebuild:${r.context}:${r.dockerfile}:${JSON.stringify(r.buildArgs)}:${r.stage ?? ''}`,
  engine: true,
  describe: (r, rel) => rel(r.context),
  collect: async (r, ctx) => (await import('./rebuild.js')).rebuildProbe(ctx.engine, readContext(r.context), r.dockerfile, r.buildArgs, r.timeoutSec, r.stage, ctx.signal),
  probeInputs: (r) => [{ type: 'dockerfile', path: r.dockerfile, buildArgs: r.buildArgs }, { type: 'context', dir: r.context, dockerfile: r.dockerfile }],
  fake: () => ({ builder: 'classic', builderName: 'classic builder', changedFile: null, first: [], second: [], error: null, outputTail: [], skipped: null }),
});
