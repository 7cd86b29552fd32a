import { posix } from 'node:path';
import { z } from 'zod';
import type { ContainerRequest } from '../facts/requests.js';
import type { ContainerFacts } from '../facts/runtime-model.js';
import { isRootUser } from '../facts/runtime-model.js';
import type { Facts } from '../facts/store.js';
import { error, fail, pass, type CheckKind, type CheckTarget, type Finding } from '../types.js';
import { serviceOf } from './targets.js';
import { notRunning } from './not-running.js';
import { lookalikeReq, missingContainer } from './missing-container.js';

export const containerReq = (name: string): ContainerRequest => ({ type: 'container', name });
/** The service's container: by its name (docker run), or with `compose` by the project's labels. */
const serviceContainerReq = (t: CheckTarget, compose: boolean): ContainerRequest =>
  compose ? { type: 'container', name: t.service.container, compose: { project: t.workspace.compose.project, service: t.service.composeService ?? t.service.name } } : containerReq(t.service.container);

/** Runs `rule` on the student's container for the service; `error` naming it when there is none. */
export function withContainer(facts: Facts, t: CheckTarget, rule: (c: ContainerFacts) => Finding, compose = false): Finding {
  const c = facts.get(serviceContainerReq(t, compose));
  if (!c && compose) return error(`no container of compose service ${t.service.composeService ?? t.service.name} in project ${t.workspace.compose.project}`, ['start the stack, or set compose.project in dojo.yaml']);
  if (!c) return missingContainer(facts, t, t.service.name);
  return rule(c);
}

const stateParams = z.object({ healthy: z.boolean().default(false), compose: z.boolean().default(false) }).strict();
export const containerState: CheckKind<z.infer<typeof stateParams>> = {
  name: 'container-state',
  description: "The service's container is running (and healthy, when asked), not OOM-killed, not restarting.",
  params: stateParams,
  needs: (t, p) => [serviceContainerReq(t, p.compose), ...(p.compose ? [] : [lookalikeReq(t, t.service.name)])],
  evaluate: (facts, t, p) =>
    withContainer(facts, t, (c) => {
      const evidence = [`status ${c.status}${c.health ? `, health ${c.health}` : ''}, exit code ${c.exitCode}, restarts ${c.restartCount}${c.oomKilled ? ', OOMKilled' : ''}${c.stateError ? `; the engine said: ${c.stateError}` : ''}`];
      if (c.oomKilled) return fail(`${c.name} was killed for using too much memory (OOMKilled)`, evidence);
      if (!c.running) return fail(`${c.name} is not running`, evidence);
      if (p.healthy && c.health === null) return fail(`${c.name} has no health check to report on`, evidence);
      if (p.healthy && c.health === 'starting') return error(`${c.name} is still starting (health: starting)`, [...evidence, 'its first healthchecks have not passed yet: wait a few intervals, then check again']);
      if (p.healthy && c.health !== 'healthy') return fail(`${c.name} is ${c.health}`, evidence);
      return pass(`${c.name} is running${c.health ? ` and ${c.health}` : ''}`, evidence);
    }, p.compose),
};

const securityParams = z
  .object({
    nonRoot: z.boolean().default(true),
    noPrivileged: z.boolean().default(true),
    capDropAll: z.boolean().default(false),
    forbiddenCaps: z.array(z.string()).default(['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'ALL']),
    readOnlyRootfs: z.boolean().default(false),
    memoryLimit: z.boolean().default(false),
    compose: z.boolean().default(false),
  })
  .strict();
export const containerSecurity: CheckKind<z.infer<typeof securityParams>> = {
  name: 'container-security',
  description: 'How the container runs: user, privileged, capabilities, read-only root filesystem, memory limit.',
  params: securityParams,
  needs: (t, p) => [serviceContainerReq(t, p.compose), ...(p.compose ? [] : [lookalikeReq(t, t.service.name)])],
  evaluate: (facts, t, p) =>
    withContainer(facts, t, (c) => {
      const problems: string[] = [];
      if (p.nonRoot && isRootUser(c.user) && c.user === '') problems.push('user: not set on the container (the image decides; check image-user)');
      else if (p.nonRoot && isRootUser(c.user)) problems.push(`user: ${c.user}`);
      if (p.noPrivileged && c.privileged) problems.push('privileged: true');
      const added = c.capAdd.map((cap) => cap.replace(/^CAP_/, '')).filter((cap) => p.forbiddenCaps.includes(cap));
      if (added.length) problems.push(`cap_add: ${added.join(', ')}`);
      if (p.capDropAll && !c.capDrop.some((x) => x.toUpperCase() === 'ALL')) problems.push(`cap_drop: ${c.capDrop.join(', ') || 'none'} (not ALL)`);
      if (p.readOnlyRootfs && !c.readonlyRootfs) problems.push('read-only root filesystem: no');
      if (p.memoryLimit && c.memoryLimit === 0) problems.push('memory limit: none');
      return problems.length ? fail(`${c.name} runs with more privilege than it needs`, problems) : pass(`${c.name} runs without extra privilege`);
    }, p.compose),
};

const portsParams = z.object({ publish: z.array(z.string()).default([]), onlyThese: z.boolean().default(true), compose: z.boolean().default(false) }).strict();
export const publishedPorts: CheckKind<z.infer<typeof portsParams>> = {
  name: 'published-ports',
  description: 'The container publishes exactly the ports it should on the host (none for a worker).',
  params: portsParams,
  needs: (t, p) => [serviceContainerReq(t, p.compose), ...(p.compose ? [] : [lookalikeReq(t, t.service.name)])],
  evaluate: (facts, t, p) =>
    withContainer(facts, t, (c) => {
      const want = p.publish.map((x) => (x.includes('/') ? x : `${x}/tcp`));
      const have = c.ports.map((x) => x.container);
      const evidence = [`published: ${c.ports.map((x) => `${x.host}->${x.container}`).join(', ') || 'nothing'}`];
      const missing = want.filter((x) => !have.includes(x));
      const extra = p.onlyThese ? [...new Set(have.filter((x) => !want.includes(x)))] : [];
      if (missing.length) return fail(`${c.name} does not publish ${missing.join(', ')}`, evidence);
      if (extra.length) return fail(`${c.name} also publishes ${extra.join(', ')} on the host`, evidence);
      return pass(want.length ? `${c.name} publishes ${want.join(', ')}` : `${c.name} publishes nothing on the host`, evidence);
    }, p.compose),
};

const volumeParams = z.object({ path: z.string().startsWith('/'), pathEnv: z.string().optional() }).strict();
/** The folder a variable of the container's environment names (PGDATA), else `path`. */
const dataPath = (c: ContainerFacts, path: string, env?: string) => (env && c.env[env]?.startsWith('/') ? posix.normalize(c.env[env]!) : path);
const holds = (dest: string, path: string) => path === dest || path.startsWith(dest === '/' ? '/' : `${dest}/`);
/**
 * Data that must survive the container lives in a named volume: not in its writable layer, not in
 * an anonymous volume (which `docker rm -v` or a new container leaves behind unnamed).
 */
export const volumeMounted: CheckKind<z.infer<typeof volumeParams>> = {
  name: 'volume-mounted',
  description: "The service's container keeps `path` (or the folder `pathEnv` names, e.g. PGDATA) in a named volume mounted there or above it (not the writable layer, not an anonymous volume, not a bind mount).",
  params: volumeParams,
  needs: (t) => [containerReq(t.service.container), lookalikeReq(t, t.service.name)],
  evaluate: (facts, t, p) =>
    withContainer(facts, t, (c) => {
      const mounts = c.mounts.map((m) => `${m.type} ${m.type === 'volume' ? m.name : m.source} -> ${m.destination}`);
      const evidence = [`mounts of ${c.name}: ${mounts.join('; ') || 'none'}`];
      const path = dataPath(c, p.path, p.pathEnv);
      if (path !== p.path) evidence.push(`${p.pathEnv}=${path} in the container's environment: the data lives there`);
      const at = c.mounts.filter((m) => holds(posix.normalize(m.destination), path)).sort((a, b) => b.destination.length - a.destination.length)[0];
      if (!at && c.tmpfs.some((d) => holds(posix.normalize(d), path))) return fail(`${path} in ${c.name} is a tmpfs mount: memory only, gone when the container stops`, [...evidence, `tmpfs: ${c.tmpfs.join(', ')}`]);
      if (!at) return fail(`nothing is mounted at ${path} in ${c.name}: its data lives in the container's writable layer`, evidence);
      if (at.type !== 'volume' || ANONYMOUS.test(at.name ?? '')) {
        const what = at.type === 'bind' ? `a bind mount of ${at.source}` : at.type === 'volume' ? `the volume ${at.name} (anonymous)` : at.type === 'tmpfs' ? 'a tmpfs mount (memory only)' : `a ${at.type} mount`;
        if (at.type === 'volume') evidence.push(`an anonymous volume comes from the image's VOLUME or from -v ${p.path} without a name`);
        return fail(`${path} in ${c.name} is ${what}, not the named volume it needs`, evidence);
      }
      return pass(`${c.name} keeps ${path} in the named volume ${at.name}${at.destination !== path ? ` (mounted at ${at.destination})` : ''}`, evidence);
    }),
};

const ANONYMOUS = /^[0-9a-f]{64}$/;

const mapParams = z.object({ services: z.record(z.string(), z.array(z.string())) }).strict();
/** Each service publishes exactly the given ports on the host; an empty list means none (a worker only dials out). */
export const servicePorts: CheckKind<z.infer<typeof mapParams>> = {
  name: 'service-ports',
  description: 'Each listed service publishes exactly the given ports on the host ([] = none).',
  params: mapParams,
  services: (p) => Object.keys(p.services),
  needs: (t, p) => Object.keys(p.services).flatMap((s) => [containerReq(serviceOf(t, s).container), lookalikeReq(t, s)]),
  evaluate: (facts, t, p) => {
    const evidence: string[] = [];
    const problems: string[] = [];
    for (const [s, ports] of Object.entries(p.services)) {
      const c = facts.get(containerReq(serviceOf(t, s).container));
      if (!c) return missingContainer(facts, t, s);
      // A stopped container publishes nothing, which says nothing about how it was started.
      if (!c.running) return notRunning(c, s);
      const want = ports.map((x) => (x.includes('/') ? x : `${x}/tcp`));
      const have = [...new Set(c.ports.map((x) => x.container))];
      evidence.push(`${c.name} publishes: ${c.ports.map((x) => `${x.host}->${x.container}`).join(', ') || 'nothing'}`);
      const missing = want.filter((x) => !have.includes(x));
      const extra = have.filter((x) => !want.includes(x));
      if (missing.length) problems.push(`${c.name} does not publish ${missing.join(', ')}`);
      if (extra.length) problems.push(`${c.name} publishes ${extra.join(', ')} on the host`);
    }
    return problems.length ? fail(problems.join('; '), evidence) : pass('each service publishes exactly what it should', evidence);
  },
};
