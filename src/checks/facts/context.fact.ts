import { defineFact } from './fact-type.js';
import { readContext, type ContextFacts } from './context.js';

/** `dockerfile`: BuildKit reads `<Dockerfile>.dockerignore` beside it in place of the context's. */
export type ContextRequest = { type: 'context'; dir: string; dockerfile?: string };

export const contextFact = defineFact<ContextRequest, ContextFacts>({
  type: 'context',
  key: (r) => `context:${r.dir}:${r.dockerfile ?? ''}`,
  engine: false,
  describe: (r, rel) => rel(r.dir),
  collect: async (r, ctx) => readContext(r.dir, r.dockerfile, ctx.workspaceDir),
  fingerprint: (v) => ({ ignore: v.dockerignore, files: v.files }),
  fake: (r) => ({ dir: r.dir, exists: true, dockerignore: { path: `${r.dir}/.dockerignore`, exists: false, lines: [], dockerfileSpecific: false }, files: [], truncated: false }),
});
