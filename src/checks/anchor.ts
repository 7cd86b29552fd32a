import type { Location } from '../errors.js';
import type { ServiceTarget, Workspace } from '../workspace.js';
import type { ContainerRequest, FactRequest } from './facts/requests.js';

/**
 * What a finding without a place of its own stems from, read off the facts its check asked for:
 * a Compose service (its definition or its running container), a container started by hand for a
 * workspace service, a lab's break-fix container, or a service's image.
 */
export type Origin =
  | { from: 'compose-service'; service: string; compose: string }
  | { from: 'run-container'; service: string }
  | { from: 'scenario' }
  | { from: 'image'; service: string };

const COMPOSE = new Set(['compose', 'composestack', 'composeimage']);
const RUNTIME = new Set(['network', 'volume', 'mount', 'dnsprobe']);
const IMAGE = new Set(['dockerfile', 'context', 'image', 'imagefs', 'run', 'rebuild', 'scan']);

/** `name` written as a whole word in `text` (a container name inside a longer one does not count). */
const mentions = (text: string, name: string) => new RegExp(`(^|[^A-Za-z0-9_.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_.-])`).test(text);

/**
 * `found` says whether a container request found one. The container the check judged decides: of
 * several, the one its summary names (the stopped worker of a check on three containers), else its
 * own service's. When none was found, what the check reads (compose files, a compose lab's
 * project, hand-started containers, an image) says where the student would fix it.
 */
export function originOf(requests: readonly FactRequest[], found: (r: ContainerRequest) => boolean, ws: Workspace, service: ServiceTarget, composeLab: boolean, summary = ''): Origin | null {
  if (requests.some((r) => r.type === 'diagnosis')) return { from: 'scenario' };
  const services = Object.values(ws.services);
  const composeName = (s: ServiceTarget) => s.composeService ?? s.name;
  const serviceOf = (r: ContainerRequest) =>
    (r.compose ? services.find((s) => composeName(s) === r.compose!.service) : services.find((s) => s.container === r.name)) ?? service;
  const containers = requests.filter((r): r is ContainerRequest => r.type === 'container');
  const rank = (r: ContainerRequest) => (!r.compose && mentions(summary, r.name) ? 0 : serviceOf(r).name === service.name ? 1 : 2);
  const judged = [...containers].sort((a, b) => rank(a) - rank(b)).find(found);
  if (judged) {
    const s = serviceOf(judged);
    return judged.compose ? { from: 'compose-service', service: s.name, compose: judged.compose.service } : { from: 'run-container', service: s.name };
  }
  if (requests.some((r) => COMPOSE.has(r.type)) || (composeLab && containers.length)) return { from: 'compose-service', service: service.name, compose: composeName(service) };
  if (containers.length || requests.some((r) => RUNTIME.has(r.type))) {
    const named = requests.flatMap((r) => (r.type === 'mount' ? [r.container] : r.type === 'dnsprobe' ? [r.from] : []));
    const own = containers.some((r) => serviceOf(r).name === service.name) || !named.length ? service : (services.find((s) => s.container === named[0]) ?? service);
    return { from: 'run-container', service: own.name };
  }
  if (requests.some((r) => IMAGE.has(r.type))) return { from: 'image', service: service.name };
  return null;
}

/** The places an origin can point at; each is null when its file is not there (absolute paths). */
export interface Places {
  /** The key of the Compose service in the last compose file that defines it. */
  composeService(name: string): Location | null;
  /** dojo.yaml's entry for the service (its `container:` line when it names one), when dojo.yaml maps it. */
  configService(service: string): Location | null;
  /** The lab's CI script for the exercise (front matter `ci.scripts`), when it is in the workspace. */
  script(exercise: string): Location | null;
  /** The service's Dockerfile, line 1. */
  dockerfile(service: string): Location | null;
}

/**
 * Where SARIF and workflow annotations put a finding that has no place of its own (README: JUnit
 * and SARIF): a Compose service's findings at that service in the compose file; a hand-started
 * container's at its dojo.yaml entry, else the lab's script, else its image's Dockerfile; a
 * scenario's at the lab's script; an image's at its Dockerfile.
 */
export function anchorOf(origin: Origin | null, exercise: string, places: Places): Location | null {
  switch (origin?.from) {
    case 'compose-service': return places.composeService(origin.compose) ?? places.dockerfile(origin.service);
    case 'run-container': return places.configService(origin.service) ?? places.script(exercise) ?? places.dockerfile(origin.service);
    case 'scenario': return places.script(exercise);
    case 'image': return places.dockerfile(origin.service);
    default: return null;
  }
}
