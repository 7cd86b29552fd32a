import { parseDockerfile } from '../../src/checks/facts/dockerfile.js';
import type { ImageFacts, ImageFsFacts } from '../../src/checks/facts/image-model.js';
import type { ContextFacts } from '../../src/checks/facts/context.js';
import { Facts } from '../../src/checks/facts/store.js';
import { factType } from '../../src/checks/facts/registry.js';
import type { RebuildFacts, RunFacts } from '../../src/checks/facts/probe-model.js';
import type { ContainerFacts } from '../../src/checks/facts/runtime-model.js';
import type { ScanFacts } from '../../src/checks/facts/scan.js';
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
  run?: Partial<RunFacts>;
  rebuild?: Partial<RebuildFacts>;
  /** The service's container, found by name (the Compose lookup then finds nothing). */
  container?: Partial<ContainerFacts>;
  scan?: ScanFacts;
}

/** Evaluates a kind's pure rule over facts given inline: no engine, no files. */
export function judge(kind: AnyKind, given: Given, params: unknown = {}): Finding {
  const p = kind.params.parse(params);
  const facts = new Facts();
  for (const r of kind.needs(target, p)) {
    // Anything the test does not give is the fact type's own fake (a missing file, an absent image).
    const fake = factType(r).fake(r);
    const value =
      r.type === 'dockerfile' ? (given.dockerfile === undefined ? fake : parseDockerfile(r.path, given.dockerfile))
      : r.type === 'image' ? (given.image ?? fake)
      : r.type === 'imagefs' ? (given.imagefs ?? fake)
      : r.type === 'context' ? (given.context ? { ...fake, ...given.context } : undefined)
      : r.type === 'run' ? { ...fake, ...given.run }
      : r.type === 'rebuild' ? { ...fake, ...given.rebuild }
      : r.type === 'container' && !r.compose && given.container ? container(given.container)
      : r.type === 'scan' ? (given.scan ?? fake)
      : fake;
    // A context the test does not give is unknown to the rule (as when it could not be read), not empty.
    if (value !== undefined) facts.set(r, value);
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

/** A running container as the engine reports it, with nothing hardened unless `over` says so. */
export function container(over: Partial<ContainerFacts> = {}): ContainerFacts {
  return {
    name: 'api-service', id: 'c0ffee', image: 'flowforge/api-service:dev', imageId: 'sha256:0123456789abcdef', status: 'running', running: true, exitCode: 0, finishedAt: null, stateError: '', oomKilled: false,
    restartCount: 0, health: null, user: '', env: {}, mounts: [], networks: {}, ports: [], capAdd: [], capDrop: [], privileged: false,
    readonlyRootfs: false, memoryLimit: 0, securityOpt: [], pidsLimit: null, nanoCpus: 0, tmpfs: [], labels: {}, ...over,
  };
}
