import { relative } from 'node:path';
import { z } from 'zod';
import type { ComposeFacts } from '../facts/compose.js';
import type { ComposeFileRequest, ComposeStackRequest } from '../facts/requests.js';
import type { Facts } from '../facts/store.js';
import { error, fail, pass, type CheckKind, type CheckTarget, type Finding } from '../types.js';

const composeReq = (t: CheckTarget): ComposeFileRequest => ({ type: 'compose', files: t.workspace.compose.files });
const stackReq = (t: CheckTarget): ComposeStackRequest => ({ type: 'composestack', project: t.workspace.compose.project });
const rel = (t: CheckTarget, at: string) => relative(t.workspace.dir, at);

function withCompose(facts: Facts, t: CheckTarget, rule: (c: ComposeFacts) => Finding): Finding {
  const c = facts.get(composeReq(t));
  const missing = c.files.filter((f) => !f.exists).map((f) => rel(t, f.path));
  if (missing.length === c.files.length) return error(`no compose file: looked for ${missing.join(', ')}`, ['set compose.files in dojo.yaml if yours has another name']);
  if (c.problems.length) return error('a compose file does not parse', c.problems);
  return rule(c);
}

const dependsParams = z.object({ service: z.string(), on: z.string() }).strict();
/** depends_on alone waits for a container to start, not for the service in it to be ready. */
export const composeDependsHealthy: CheckKind<z.infer<typeof dependsParams>> = {
  name: 'compose-depends-healthy',
  description: 'In the compose file, a service waits for its dependency to be healthy (depends_on condition + healthcheck).',
  params: dependsParams,
  needs: (t) => [composeReq(t)],
  evaluate: (facts, t, p) =>
    withCompose(facts, t, (c) => {
      const svc = c.services[p.service];
      const dep = c.services[p.on];
      if (!svc || !dep) return fail(`the compose file has no service ${!svc ? p.service : p.on}`, [`services: ${Object.keys(c.services).join(', ')}`]);
      const link = svc.dependsOn[p.on];
      if (!link) return fail(`${p.service} does not depend on ${p.on}`, [rel(t, svc.at)]);
      const evidence = [`${rel(t, link.at)}  depends_on ${p.on}: ${link.condition}`, `${rel(t, dep.at)}  ${p.on} healthcheck: ${dep.healthcheck ? 'defined' : 'none in the compose file'}`];
      if (link.condition !== 'service_healthy') return fail(`${p.service} waits only for ${p.on} to start`, evidence);
      return pass(`${p.service} waits for ${p.on} to be healthy`, evidence);
    }),
};

const volumeParams = z.object({ service: z.string(), target: z.string().startsWith('/') }).strict();
export const composeNamedVolume: CheckKind<z.infer<typeof volumeParams>> = {
  name: 'compose-named-volume',
  description: "In the compose file, the service keeps `target` in a named volume declared under volumes:.",
  params: volumeParams,
  needs: (t) => [composeReq(t)],
  evaluate: (facts, t, p) =>
    withCompose(facts, t, (c) => {
      const svc = c.services[p.service];
      if (!svc) return fail(`the compose file has no service ${p.service}`);
      const v = svc.volumes.find((x) => x.target === p.target);
      if (!v) return fail(`${p.service} mounts nothing at ${p.target}`, [rel(t, svc.at)]);
      const evidence = [`${rel(t, v.at)}  ${v.source ?? '(anonymous)'}:${v.target} (${v.kind})`];
      if (v.kind !== 'volume' || !v.source) return fail(`${p.target} of ${p.service} is ${v.kind === 'bind' ? 'a bind mount' : 'an anonymous volume'}`, evidence);
      if (!c.volumes.includes(v.source)) return fail(`volume ${v.source} is not declared under the top-level volumes:`, evidence);
      return pass(`${p.service} keeps ${p.target} in the named volume ${v.source}`, evidence);
    }),
};

const stackParams = z.object({ services: z.array(z.string()).min(1), healthy: z.array(z.string()).default([]) }).strict();
/** The running stack, found by the labels Compose v1 and v2 both set on its containers. */
export const composeStack: CheckKind<z.infer<typeof stackParams>> = {
  name: 'compose-stack',
  description: 'The Compose project runs the given services (and the given ones are healthy).',
  params: stackParams,
  needs: (t) => [stackReq(t)],
  evaluate: (facts, t, p) => {
    const stack = facts.get(stackReq(t));
    const evidence = stack.containers.map((c) => `${c.service}: ${c.name} ${c.state}${c.health ? ` (${c.health})` : ''}`);
    if (!stack.containers.length) return fail(`no containers of compose project ${stack.project}`, ['is the project name right? (compose.project in dojo.yaml, or -p)']);
    const bad = p.services.filter((s) => !stack.containers.some((c) => c.service === s && c.state === 'running'));
    if (bad.length) return fail(`not running in ${stack.project}: ${bad.join(', ')}`, evidence);
    const unhealthy = p.healthy.filter((s) => !stack.containers.some((c) => c.service === s && c.health === 'healthy'));
    if (unhealthy.length) return fail(`not healthy in ${stack.project}: ${unhealthy.join(', ')}`, evidence);
    return pass(`${stack.project} runs ${p.services.join(', ')}`, evidence);
  },
};
