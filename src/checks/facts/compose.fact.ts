import { defineFact } from './fact-type.js';
import type { ComposeFacts } from './compose.js';

export type ComposeFileRequest = { type: 'compose'; files: string[] };

export const composeFact = defineFact<ComposeFileRequest, ComposeFacts>({
  type: 'compose',
  key: (r) => `compose:${r.files.join(',')}`,
  engine: false,
  describe: (r, rel) => r.files.map(rel).join(', '),
  collect: async (r) => (await import('./compose.js')).readCompose(r.files),
  fingerprint: (v) => v,
  fake: (r) => ({ files: r.files.map((path) => ({ path, exists: false })), services: {}, volumes: [], networks: [], problems: [] }),
});
