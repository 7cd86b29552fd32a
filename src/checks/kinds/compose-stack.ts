import { z } from 'zod';
import { composeReq, stackReq } from './compose-common.js';
import { composeName } from './targets.js';
import { error, fail, pass, type CheckKind } from '../types.js';

const params = z.object({ services: z.array(z.string()).optional(), healthy: z.array(z.string()).default([]) }).strict();
/**
 * The running stack: every service's containers run, and every container with a healthcheck is
 * healthy. Found by the project label, so v1 and v2 container names both work. Read only.
 */
export const composeStack: CheckKind<z.infer<typeof params>> = {
  name: 'compose-stack',
  description: "The Compose project's containers all run; those with a healthcheck (and the given services) are healthy.",
  params,
  services: (p) => [...(p.services ?? []), ...p.healthy],
  needs: (t, p) => {
    [...(p.services ?? []), ...p.healthy].forEach((s) => composeName(t, s));
    return [stackReq(t), ...(p.services ? [] : [composeReq(t)])];
  },
  evaluate: (facts, t, p) => {
    const stack = facts.get(stackReq(t));
    let expected = p.services?.map((s) => composeName(t, s));
    if (!expected) {
      const model = facts.get(composeReq(t));
      if (model.problems.length || !model.files.some((f) => f.exists)) return error('the compose files do not load, so dojo does not know which services to expect (see compose-valid)');
      expected = Object.entries(model.services).filter(([, s]) => !s.profiles.length).map(([n]) => n);
    }
    const evidence = stack.containers.map((c) =>
      `${c.service}: ${c.name} ${c.state}${c.exitCode !== null ? ` (exit code ${c.exitCode})` : ''}${c.stateError ? `; the engine said: ${c.stateError}` : ''}${c.health ? `, health ${c.health}` : ''}${c.lastHealthFailure && c.health !== 'healthy' ? `; last failed probe: ${c.lastHealthFailure}` : ''}`);
    if (!stack.containers.length) return fail(`no containers of compose project ${stack.project}`, [`dojo looks for containers labelled com.docker.compose.project=${stack.project}; is the stack up, and is that its project name (compose.project in dojo.yaml, or -p)?`]);
    const absent = expected.filter((s) => !stack.containers.some((c) => c.service === s));
    const stopped = stack.containers.filter((c) => expected!.includes(c.service) && c.state !== 'running').map((c) => c.name);
    if (absent.length || stopped.length) return fail(`not running in ${stack.project}: ${[...absent.map((s) => `${s} (no container)`), ...stopped].join(', ')}`, evidence);
    const wantHealthy = new Set(p.healthy.map((s) => composeName(t, s)));
    const unhealthy = stack.containers.filter((c) => (c.health !== null || wantHealthy.has(c.service)) && c.health !== 'healthy').map((c) => `${c.name} (${c.health ?? 'no healthcheck'})`);
    // Right after `up` a healthcheck has not run yet: that is no verdict, and no counted attempt.
    const sick = stack.containers.filter((c) => c.health === 'unhealthy' || (c.health === null && wantHealthy.has(c.service)));
    const starting = stack.containers.filter((c) => c.health === 'starting').map((c) => c.name);
    if (unhealthy.length && !sick.length) return error(`still starting in ${stack.project}: ${starting.join(', ')} (health: starting)`, [...evidence, 'the first healthchecks have not passed yet: wait a few intervals (`docker compose ps` shows when it turns healthy), then check again']);
    if (unhealthy.length) return fail(`not healthy in ${stack.project}: ${unhealthy.join(', ')}`, evidence);
    return pass(`${stack.project} runs ${expected.join(', ')}${stack.containers.some((c) => c.health) ? '; every healthcheck passes' : ''}`, evidence);
  },
};
