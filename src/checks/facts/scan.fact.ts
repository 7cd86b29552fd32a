import { defineFact } from './fact-type.js';
import { runScan, type ScanFacts, type ScannerName } from './scan.js';

export type ScanRequest = { type: 'scan'; ref: string; scanner: 'auto' | ScannerName; timeoutSeconds: number };

/** A vulnerability scan of the image by a scanner already installed (trivy or grype), offline. */
export const scanFact = defineFact<ScanRequest, ScanFacts>({
  type: 'scan',
  key: (r) => `scan:${r.ref}:${r.scanner}`,
  engine: true,
  timeoutMs: (r) => r.timeoutSeconds * 1000 + 5_000,
  describe: (r) => `the vulnerability scan of ${r.ref}`,
  collect: async (r, ctx) => {
    await ctx.requireImage(r.ref);
    return runScan(r.ref, r.scanner, r.timeoutSeconds * 1000, ctx.engine, ctx.signal);
  },
  fake: () => ({ scanner: null }),
});
