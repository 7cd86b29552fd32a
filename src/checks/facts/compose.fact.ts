import { defineFact } from './fact-type.js';
import type { ComposeFacts } from './compose-model.js';

export type ComposeFileRequest = { type: 'compose'; dir: string; files: string[]; project: string };

/** The compose model as Compose resolves it, traced back to lines of the student's files. */
export const composeFact = defineFact<ComposeFileRequest, ComposeFacts>({
  type: 'compose',
  key: (r) => `compose:${r.project}:${r.files.join(',')}`,
  engine: false,
  timeoutMs: () => 60_000,
  describe: (r, rel) => r.files.map(rel).join(', '),
  collect: async (r, ctx) => (await import('./compose.js')).readCompose(r.dir, r.files, r.project, ctx.signal),
  fingerprint: (v) => ({ services: v.services, volumes: v.volumes, problems: v.problems }),
  fake: (r) => ({ files: r.files.map((path) => ({ path, exists: false })), loader: 'yaml', loaderNote: '', project: r.project, services: {}, volumes: {}, networks: [], problems: [], raw: [] }),
});
