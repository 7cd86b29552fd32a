import { defineFact } from './fact-type.js';

/** Containers started from a service's image, whatever their names: the near-miss when the expected name is absent. */
export type LookalikeRequest = { type: 'lookalike'; image: string };
export interface Lookalike { name: string; status: string }

export const lookalikeFact = defineFact<LookalikeRequest, Lookalike[]>({
  type: 'lookalike',
  key: (r) => `lookalike:${r.image}`,
  engine: true,
  timeoutMs: () => 30_000,
  describe: (r) => `containers started from ${r.image}`,
  collect: async (r, ctx) => {
    // The engine refuses an ancestor filter naming an image it does not have: then nothing runs from it.
    const list = await ctx.engine.docker.listContainers({ all: true, filters: { ancestor: [r.image] } }).catch(() => []);
    return list.filter((c) => c.Labels?.['io.dojo.temp'] !== '1').map((c) => ({ name: (c.Names[0] ?? c.Id).replace(/^\//, ''), status: c.State }));
  },
  fake: () => [],
});
