import type { ContainerRequest } from '../facts/requests.js';
import type { ContainerFacts } from '../facts/runtime-model.js';
import type { Facts } from '../facts/store.js';
import { error, type CheckTarget, type Finding } from '../types.js';

const byName = (t: CheckTarget): ContainerRequest => ({ type: 'container', name: t.service.container });
const byCompose = (t: CheckTarget): ContainerRequest => ({
  type: 'container', name: t.service.container, compose: { project: t.workspace.compose.project, service: t.service.composeService ?? t.service.name },
});

/** Both ways a service's container is found: by name (docker run) and by the Compose project's labels. */
export const serviceContainerReqs = (t: CheckTarget): ContainerRequest[] => [byName(t), byCompose(t)];

/**
 * Runs `rule` on the service's running container, however the student started it: the container
 * named in dojo.yaml (default: the service name), else the Compose service's container. An
 * `error` when there is none or it is not running: how it is configured is judged on what runs.
 */
export function withServiceContainer(facts: Facts, t: CheckTarget, rule: (c: ContainerFacts) => Finding): Finding {
  const c = facts.get(byName(t)) ?? facts.get(byCompose(t));
  const svc = t.service.composeService ?? t.service.name;
  if (!c) {
    return error(`no container for ${t.service.name}: none named ${t.service.container}, none of compose service ${svc} in project ${t.workspace.compose.project}`, [
      `start it (docker run --name ${t.service.container} … or docker compose up), or set services.${t.service.name}.container or compose.project in dojo.yaml`,
    ]);
  }
  if (!c.running) return error(`${c.name} is not running (status ${c.status}, exit code ${c.exitCode}${c.oomKilled ? ', OOMKilled' : ''}): start it, then check again`, ['docker logs shows why it stopped']);
  return rule(c);
}
