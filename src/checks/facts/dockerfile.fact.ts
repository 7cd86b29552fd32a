import { defineFact } from './fact-type.js';
import type { DockerfileFacts } from './dockerfile-model.js';

export type DockerfileRequest = { type: 'dockerfile'; path: string; buildArgs: Record<string, string> };

export const dockerfileFact = defineFact<DockerfileRequest, DockerfileFacts>({
  type: 'dockerfile',
  key: (r) => `dockerfile:${r.path}:${JSON.stringify(r.buildArgs)}`,
  engine: false,
  describe: (r, rel) => rel(r.path),
  // The parser loads here, not at start-up, so the engine warm-up is not queued behind it.
  collect: async (r) => (await import('./dockerfile.js')).readDockerfile(r.path, r.buildArgs),
  // Parsed instructions without their lines, not bytes: a comment or a blank line, even one that moves
  // every instruction down, is not a new attempt.
  fingerprint: (v) => (v.exists ? JSON.parse(JSON.stringify({ stages: v.stages, problems: v.problems }, withoutLines)) : null),
  fake: (r) => ({ path: r.path, exists: false, stages: [], globalArgs: {}, syntax: null, problems: [] }),
});

const withoutLines = (key: string, value: unknown): unknown => (key === 'line' || key === 'endLine' ? undefined : value);
