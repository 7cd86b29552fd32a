import { describe, expect, it } from 'vitest';
import type { ComposeFacts } from '../../src/checks/facts/compose-model.js';
import type { ComposeStackFacts } from '../../src/checks/facts/runtime-model.js';
import { Facts } from '../../src/checks/facts/store.js';
import { composeDependsHealthy } from '../../src/checks/kinds/compose.js';
import { composeSecrets } from '../../src/checks/kinds/compose-secrets.js';
import { composeStack } from '../../src/checks/kinds/compose-stack.js';
import { networkMembership } from '../../src/checks/kinds/network.js';
import type { AnyKind, CheckTarget } from '../../src/checks/types.js';
import { DojoError } from '../../src/errors.js';

const svc = (name: string) => ({ name, context: `/ws/${name}`, dockerfile: `/ws/${name}/Dockerfile`, image: `flowforge/${name}:dev`, container: name, buildArgs: {}, composeService: name, run: { env: [] } });
const t: CheckTarget = {
  lab: 'lab-04',
  workspace: { dir: '/ws', services: { 'api-service': svc('api-service'), postgres: svc('postgres') }, network: 'n', volume: 'v', compose: { files: ['/ws/docker-compose.yml'], project: 'ff', devFiles: [] } },
  service: svc('api-service'),
};
const at = (line: number) => ({ file: '/ws/docker-compose.yml', line });
const model = (over: Partial<ComposeFacts> = {}): ComposeFacts => ({
  files: [{ path: '/ws/docker-compose.yml', exists: true }], loader: 'compose-v2', loaderNote: 'loaded with docker compose 2.26 config', project: 'ff',
  services: {}, volumes: {}, networks: [], problems: [], raw: [], ...over,
});
const service = (name: string, over: Partial<ComposeFacts['services'][string]> = {}) => ({
  name, location: at(2), image: null, build: null, healthcheck: null, dependsOn: {}, volumes: [], networks: [], ports: [], portsLocation: null, user: null,
  environment: {}, command: null, entrypoint: null, workingDir: null, commandLocation: null, profiles: [], ...over,
});

function judge(kind: AnyKind, params: unknown, set: (facts: Facts, requests: ReturnType<AnyKind['needs']>) => void) {
  const p = kind.params.parse(params);
  const requests = kind.needs(t, p);
  const facts = new Facts();
  set(facts, requests);
  return kind.evaluate(facts, t, p);
}

describe('compose rules', () => {
  it('depends-healthy fails a plain depends_on at its line', () => {
    const c = model({ services: { 'api-service': service('api-service', { dependsOn: { postgres: { condition: 'service_started', location: at(9) } } }), postgres: service('postgres') } });
    const f = judge(composeDependsHealthy, { service: 'api-service', on: 'postgres' }, (facts, rs) => rs.forEach((r) => facts.set(r, c)));
    expect(f.status).toBe('fail');
    expect(f.location).toEqual(at(9));
    expect(f.evidence![0]).toBe('docker-compose.yml:9  depends_on postgres: service_started');
  });

  it('no-plaintext-secrets names the variable and line, never the value', () => {
    const c = model({ raw: [{ file: '/ws/docker-compose.yml', env: [{ service: 'postgres', name: 'POSTGRES_PASSWORD', literal: true, how: 'literal', location: at(6) }], binds: [], commands: [] }] });
    const f = judge(composeSecrets, {}, (facts, rs) => rs.forEach((r) => facts.set(r, c)));
    expect(f.status).toBe('fail');
    expect(f.evidence![0]).toBe('docker-compose.yml:6  postgres: POSTGRES_PASSWORD=**** (literal)');
  });

  it('stack-healthy shows each state and the last failed health probe', () => {
    const stack: ComposeStackFacts = { project: 'ff', containers: [
      { service: 'postgres', name: 'ff-postgres-1', id: 'a', image: 'pg', state: 'running', exitCode: null, stateError: '', health: 'unhealthy', lastHealthFailure: 'no response' },
      { service: 'api-service', name: 'ff-api-service-1', id: 'b', image: 'api', state: 'running', exitCode: null, stateError: '', health: null, lastHealthFailure: null },
    ] };
    const f = judge(composeStack, { services: ['postgres', 'api-service'] }, (facts, rs) => rs.forEach((r) => facts.set(r, stack)));
    expect(f.status).toBe('fail');
    expect(f.summary).toBe('not healthy in ff: ff-postgres-1 (unhealthy)');
    expect(f.evidence).toContain('postgres: ff-postgres-1 running, health unhealthy; last failed probe: no response');
  });

  it('a check naming a service the workspace does not know stops with exit 2 before anything is collected', () => {
    expect(() => networkMembership.needs(t, { services: ['api-service', 'wrker-service'] })).toThrow(DojoError);
    const err = (() => {
      try {
        composeDependsHealthy.needs(t, { service: 'api', on: 'postgres' });
      } catch (e) {
        return e as DojoError;
      }
      return null;
    })();
    expect(err?.exitCode).toBe(2);
    expect(err?.message).toContain('service "api"');
  });
});
