import { defineFact } from './fact-type.js';
import { missingContainer, type DiagnosisFacts } from './diagnosis-model.js';

/** One container as `dojo diagnose` reads it; `settle` waits (with a deadline) for a just-started one. */
export type DiagnosisRequest = { type: 'diagnosis'; name: string; probeImage?: string; settle?: { log?: string; ms: number } };

export const diagnosisFact = defineFact<DiagnosisRequest, DiagnosisFacts>({
  type: 'diagnosis',
  key: (r) => `diagnosis:${r.name}:${r.settle?.log ?? ''}:${r.settle?.ms ?? 0}`,
  engine: true,
  timeoutMs: (r) => 60_000 + (r.settle?.ms ?? 0),
  describe: (r) => `container ${r.name} (state, logs, networks, listeners)`,
  collect: async (r, ctx) => (await import('./diagnosis.js')).readDiagnosis(ctx.engine, r.name, { probeImage: r.probeImage, settle: r.settle, signal: ctx.signal }),
  fingerprint: (v) => (v.found ? { id: v.id, status: v.status, exit: v.exitCode, networks: Object.keys(v.networks).sort() } : null),
  fake: (r) => missingContainer(r.name),
});
