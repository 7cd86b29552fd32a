import { z } from 'zod';
import type { DnsProbeRequest } from '../facts/requests.js';
import { isUserDefined } from '../facts/runtime-model.js';
import { containerReq } from './container.js';
import { serviceOf } from './targets.js';
import { dialedHost } from './dialed-host.js';
import { notRunning } from './not-running.js';
import { lookalikeReq, missingContainer } from './missing-container.js';
import { error, fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const containerOf = (t: CheckTarget, service: string) => serviceOf(t, service).container;

const membershipParams = z.object({ services: z.array(z.string()).min(1) }).strict();
/** One user-defined network for all of them: the default bridge gives no names, so it does not count. */
export const networkMembership: CheckKind<z.infer<typeof membershipParams>> = {
  name: 'network-membership',
  description: "The services' containers share one user-defined network (the engine's default bridge does not count).",
  params: membershipParams,
  services: (p) => p.services,
  needs: (t, p) => [...p.services.map((s) => containerReq(containerOf(t, s))), ...p.services.map((s) => lookalikeReq(t, s))],
  evaluate: (facts, t, p) => {
    const cs = p.services.map((s) => ({ s, c: facts.get(containerReq(containerOf(t, s))) }));
    const absent = cs.find((x) => !x.c);
    if (absent) return missingContainer(facts, t, absent.s);
    const evidence = cs.map(({ c }) => `${c!.name} is on: ${Object.keys(c!.networks).join(', ') || 'no network'}`);
    const shared = Object.keys(cs[0]!.c!.networks).filter((n) => cs.every(({ c }) => c!.networks[n]));
    const userDefined = shared.filter(isUserDefined);
    if (!userDefined.length) {
      const why = shared.length ? `they share only ${shared.join(', ')}, the engine's default network, where containers get no DNS names` : 'they share no network';
      return fail(`${cs.map(({ c }) => c!.name).join(', ')} are not on one user-defined network: ${why}`, evidence);
    }
    return pass(`${cs.map(({ c }) => c!.name).join(', ')} share the user-defined network ${userDefined.join(', ')}`, evidence);
  },
};

const resolutionParams = z
  .object({ from: z.string(), to: z.string(), host: z.string().regex(/^[A-Za-z0-9._-]+$/).optional(), port: z.number().int().min(1).max(65535).default(5432), live: z.boolean().default(true),
    // The variable the services read the host from (e.g. DB_HOST), checked on `from` and on `dialers`.
    env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(), dialers: z.array(z.string()).default([]) })
  .strict();
const probeReq = (t: CheckTarget, p: z.infer<typeof resolutionParams>): DnsProbeRequest =>
  ({ type: 'dnsprobe', from: containerOf(t, p.from), host: p.host ?? p.to, port: p.port, ...(t.workspace.probeImage ? { image: t.workspace.probeImage } : {}) });

/**
 * Whether `from` reaches `to` by name through the engine's DNS: statically (a shared user-defined
 * network where `to` answers to the name), then live from a throwaway container on `from`'s network.
 */
export const nameResolution: CheckKind<z.infer<typeof resolutionParams>> = {
  name: 'name-resolution',
  description: "One service reaches another by name: a shared user-defined network, proved live with a throwaway probe container on that network (lookup + TCP connect).",
  params: resolutionParams,
  services: (p) => [p.from, p.to, ...p.dialers],
  needs: (t, p) => {
    const services = [...new Set([p.from, p.to, ...p.dialers])];
    return [...services.map((s) => containerReq(containerOf(t, s))), ...services.map((s) => lookalikeReq(t, s)), ...(p.live ? [probeReq(t, p)] : [])];
  },
  evaluate: (facts, t, p) => {
    const services = [...new Set([p.from, p.to, ...p.dialers])];
    const absent = services.find((s) => !facts.get(containerReq(containerOf(t, s))));
    if (absent) return missingContainer(facts, t, absent);
    const from = facts.get(containerReq(containerOf(t, p.from)))!;
    const to = facts.get(containerReq(containerOf(t, p.to)))!;
    const stopped = services.find((s) => !facts.get(containerReq(containerOf(t, s)))!.running);
    if (stopped) return notRunning(facts.get(containerReq(containerOf(t, stopped)))!, stopped);
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
    if (p.env) {
      const dialers = [...new Set([p.from, ...p.dialers])].map((s) => facts.get(containerReq(containerOf(t, s)))!);
      const dialed = dialedHost(dialers, p.env, host);
      evidence.push(...dialed.evidence);
      if (dialed.problems.length) return fail(dialed.problems.join('; '), evidence, { mistake: 'wrong-host-name' });
    }
    if (!p.live) return pass(`${from.name} can resolve "${host}" to ${to.name} on ${dns.join(', ')}`, evidence);
    const probe = facts.get(probeReq(t, p));
    if (!probe.image) {
      const configured = t.workspace.probeImage;
      const why = probe.imageProblem === 'missing' ? 'is not on the engine' : probe.imageProblem === 'no-busybox' ? 'has no /bin/busybox' : 'is not on the engine or has no /bin/busybox';
      return error(configured ? `probeImage ${configured} (dojo.yaml) ${why}; nothing is pulled` : 'no image on the engine can run the network probe (it needs /bin/busybox); nothing is pulled',
        [...evidence, configured ? `\`docker image inspect ${configured}\` shows whether it is there` : 'set probeImage in dojo.yaml to a local image that has busybox (e.g. busybox or alpine)']);
    }
    evidence.push(`probe image: ${probe.image.ref} (${probe.image.why})`);
    for (const a of probe.attempts) evidence.push(`from ${a.network}: "${host}" ${a.resolved ? `resolves to ${a.resolved}` : 'does not resolve'}; port ${p.port} ${a.reached ? 'answers' : 'does not answer'}`, ...a.output.slice(0, a.reached ? 0 : 4).map((l) => `  | ${l}`));
    const ok = probe.attempts.find((a) => a.resolved && a.reached);
    if (ok) return pass(`${from.name} can resolve "${host}" to ${to.name} on ${ok.network}, and port ${p.port} answers`, evidence);
    if (probe.attempts.some((a) => a.resolved)) return fail(`"${host}" resolves from ${from.name}'s network, but nothing answers on port ${p.port}`, evidence);
    return fail(`"${host}" does not resolve on ${from.name}'s network`, evidence);
  },
};
