import { parseDockerfile } from '../../src/checks/facts/dockerfile.js';
import type { ImageFacts, ImageFsFacts } from '../../src/checks/facts/image-model.js';
import type { ContextFacts } from '../../src/checks/facts/context.js';
import { Facts } from '../../src/checks/facts/store.js';
import type { AnyKind, CheckTarget, Finding } from '../../src/checks/types.js';

export const target: CheckTarget = {
  lab: 'lab-00',
  workspace: { dir: '/ws', services: {}, network: 'n', volume: 'v', compose: { files: [], project: 'p' } },
  service: {
    name: 'api-service', context: '/ws/api-service', dockerfile: '/ws/api-service/Dockerfile',
    image: 'flowforge/api-service:dev', container: 'api-service', buildArgs: {},
  },
};

export interface Given {
  dockerfile?: string;
  image?: ImageFacts | null;
  imagefs?: ImageFsFacts;
  context?: Partial<ContextFacts>;
}

/** Evaluates a kind's pure rule over facts given inline: no engine, no files. */
export function judge(kind: AnyKind, given: Given, params: unknown = {}): Finding {
  const p = kind.params.parse(params);
  const facts = new Facts();
  for (const r of kind.needs(target, p)) {
    if (r.type === 'dockerfile') {
      facts.set(r, given.dockerfile === undefined ? { path: r.path, exists: false, stages: [], globalArgs: {}, problems: [] } : parseDockerfile(r.path, given.dockerfile));
    } else if (r.type === 'image') facts.set(r, given.image ?? null);
    else if (r.type === 'imagefs') facts.set(r, given.imagefs ?? { paths: {}, entrypoint: null });
    else if (r.type === 'context') {
      facts.set(r, { dir: r.dir, exists: true, dockerignore: { path: `${r.dir}/.dockerignore`, exists: false, lines: [] }, files: [], truncated: false, ...given.context });
    }
  }
  return kind.evaluate(facts, target, p);
}

export function image(over: Omit<Partial<ImageFacts>, 'config'> & { config?: Partial<ImageFacts['config']> } = {}): ImageFacts {
  return {
    ref: 'flowforge/api-service:dev', id: 'sha256:0123456789abcdef', size: 6_500_000, os: 'linux', architecture: 'amd64', layers: 1,
    history: [], ...over,
    config: { user: '', env: [], cmd: null, entrypoint: ['/api-service'], workingDir: '', exposedPorts: [], healthcheck: null, labels: {}, ...over.config },
  };
}

/** Dockerfile text with the common indentation of a template literal removed. */
export const df = (s: string): string => s.replace(/^\n/, '').replace(/^ {4}/gm, '');
