import { z } from 'zod';
import type { NetworkRequest } from '../facts/requests.js';
import { isUserDefined } from '../facts/runtime-model.js';
import { containerReq } from './container.js';
import { error, fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const networkReq = (t: CheckTarget): NetworkRequest => ({ type: 'network', name: t.workspace.network });
const containerOf = (t: CheckTarget, service: string) => t.workspace.services[service]?.container ?? service;

const membershipParams = z.object({ services: z.array(z.string()).min(1) }).strict();
export const networkMembership: CheckKind<z.infer<typeof membershipParams>> = {
  name: 'network-membership',
  description: "The services' containers are attached to the workspace's user-defined network.",
  params: membershipParams,
  needs: (t, p) => [networkReq(t), ...p.services.map((s) => containerReq(containerOf(t, s)))],
  evaluate: (facts, t, p) => {
    const net = facts.get(networkReq(t));
    if (!net) return fail(`no network named ${t.workspace.network}`, [`networks are created with \`docker network create\` or by Compose`]);
    if (!isUserDefined(net.name)) return fail(`${net.name} is the engine's default network`);
    const missing: string[] = [];
    const evidence = [`${net.name} (${net.driver}): ${net.containers.map((c) => c.name).join(', ') || 'no containers'}`];
    for (const s of p.services) {
      const c = facts.get(containerReq(containerOf(t, s)));
      if (!c) return error(`no container named ${containerOf(t, s)}`);
      if (!c.networks[net.name]) {
        missing.push(c.name);
        evidence.push(`${c.name} is on: ${Object.keys(c.networks).join(', ') || 'no network'}`);
      }
    }
    return missing.length ? fail(`${missing.join(', ')} not on ${net.name}`, evidence) : pass(`${p.services.join(', ')} are on ${net.name}`, evidence);
  },
};

const resolutionParams = z.object({ from: z.string(), to: z.string(), host: z.string().optional() }).strict();
/**
 * Whether the engine's embedded DNS lets `from` reach `to` by name: only on a user-defined network
 * both are attached to, under `to`'s container name or one of its aliases there.
 */
export const nameResolution: CheckKind<z.infer<typeof resolutionParams>> = {
  name: 'name-resolution',
  description: 'One service can reach another by name through the engine DNS (a shared user-defined network).',
  params: resolutionParams,
  needs: (t, p) => [containerReq(containerOf(t, p.from)), containerReq(containerOf(t, p.to))],
  evaluate: (facts, t, p) => {
    const from = facts.get(containerReq(containerOf(t, p.from)));
    const to = facts.get(containerReq(containerOf(t, p.to)));
    if (!from || !to) return error(`no container named ${!from ? containerOf(t, p.from) : containerOf(t, p.to)}`);
    const evidence = [from, to].map((c) => `${c.name}: ${Object.keys(c.networks).join(', ') || 'no network'}`);
    const shared = Object.keys(from.networks).filter((n) => to.networks[n]);
    const dns = shared.filter(isUserDefined);
    if (!shared.length) return fail(`${from.name} and ${to.name} share no network`, evidence);
    if (!dns.length) return fail(`${from.name} and ${to.name} share only ${shared.join(', ')}, where containers get no DNS names`, evidence);
    // The hostname the app dials: the service name unless the check says otherwise.
    const host = p.host ?? p.to;
    const names = [to.name, ...dns.flatMap((n) => to.networks[n]!.aliases)];
    evidence.push(`${to.name} answers to: ${[...new Set(names)].join(', ')}`);
    if (!names.includes(host)) return fail(`on ${dns.join(', ')}, nothing answers to "${host}"`, evidence);
    return pass(`${from.name} can resolve "${host}" to ${to.name} on ${dns.join(', ')}`, evidence);
  },
};
