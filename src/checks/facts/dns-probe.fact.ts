import { defineFact } from './fact-type.js';
import type { DnsProbeFacts } from './dns-probe.js';

export type DnsProbeRequest = { type: 'dnsprobe'; from: string; host: string; port: number; image?: string };

/** Live: from the network(s) of container `from`, does `host` resolve and answer on `port`? */
export const dnsProbeFact = defineFact<DnsProbeRequest, DnsProbeFacts>({
  type: 'dnsprobe',
  key: (r) => `dnsprobe:${r.from}:${r.host}:${r.port}:${r.image ?? ''}`,
  engine: true,
  timeoutMs: () => 60_000,
  describe: (r) => `a name-resolution probe from ${r.from}'s network to ${r.host}:${r.port}`,
  collect: async (r, ctx) => (await import('./dns-probe.js')).probeDns(ctx.engine, r.from, r.host, r.port, r.image),
  probeInputs: (r) => [{ type: 'container', name: r.from }],
  fake: (r) => ({ from: r.from, found: false, networks: [], image: null, attempts: [] }),
});
