import { z } from 'zod';
import type { Location } from '../../errors.js';
import { composeReq, line, withServices } from './compose-common.js';
import { composeName } from './targets.js';
import { fail, pass, type CheckKind } from '../types.js';

const params = z.object({ services: z.record(z.string(), z.array(z.string())) }).strict();
/**
 * Read from the compose model (Compose's own `config`), so it judges the files the same way with v1
 * and v2 and whether or not the stack is up: each service publishes exactly the given container
 * ports on the host, [] meaning none (a worker only dials out; containers on the project network
 * reach each other without publishing).
 */
export const composePorts: CheckKind<z.infer<typeof params>> = {
  name: 'compose-ports',
  description: 'In the compose files, each listed service publishes exactly the given container ports on the host ([] = none).',
  params,
  services: (p) => Object.keys(p.services),
  needs: (t, p) => (Object.keys(p.services).forEach((s) => composeName(t, s)), [composeReq(t)]),
  evaluate: (facts, t, p) =>
    withServices(facts, t, Object.keys(p.services).map((s) => composeName(t, s)), (services) => {
      const evidence: string[] = [];
      const problems: { text: string; location: Location }[] = [];
      for (const [i, want] of Object.values(p.services).entries()) {
        const svc = services[i]!;
        const name = svc.name;
        // `ports: ["9090"]` publishes too, on a host port the engine picks.
        const published = svc.ports;
        const have = [...new Set(published.map((x) => x.target))];
        const where = svc.portsLocation ? `${line(t, svc.portsLocation)}  ` : '';
        evidence.push(`${where}${name} publishes: ${published.map((x) => `${x.published ?? '(any)'}->${x.target}`).join(', ') || 'nothing'}`);
        const extra = have.filter((x) => !want.includes(x));
        const missing = want.filter((x) => !have.includes(x));
        const at = svc.portsLocation ?? svc.location;
        if (extra.length) problems.push({ text: `${name} publishes ${extra.join(', ')} on the host`, location: at });
        if (missing.length) problems.push({ text: `${name} does not publish ${missing.join(', ')}`, location: at });
      }
      if (problems.length) return fail(problems.map((x) => x.text).join('; '), evidence, { location: problems[0]!.location });
      return pass('each service publishes exactly what it should', evidence);
    }),
};
