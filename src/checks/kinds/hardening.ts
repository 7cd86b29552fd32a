import { posix } from 'node:path';
import { z } from 'zod';
import type { ContainerFacts } from '../facts/runtime-model.js';
import { fail, pass, type CheckKind } from '../types.js';
import { serviceContainerReqs, withServiceContainer } from './service-container.js';

/** What the engine grants a container that is not privileged and drops nothing (moby's default set). */
export const DEFAULT_CAPS = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];
const cap = (c: string) => c.toUpperCase().replace(/^CAP_/, '');

/** The capability set the container's process starts with, from how it was created. */
export function effectiveCaps(c: Pick<ContainerFacts, 'privileged' | 'capAdd' | 'capDrop'>): string[] | 'ALL' {
  const add = c.capAdd.map(cap);
  const drop = c.capDrop.map(cap);
  if (c.privileged || add.includes('ALL')) return 'ALL';
  const kept = drop.includes('ALL') ? [] : DEFAULT_CAPS.filter((x) => !drop.includes(x));
  return [...new Set([...kept, ...add])].sort();
}

const noNewPrivileges = (opts: string[]) => opts.some((o) => /^no-new-privileges(?:[:=]true)?$/i.test(o.trim()));

const capsParams = z.object({ allowAdd: z.array(z.string()).default(['NET_BIND_SERVICE']), noNewPrivileges: z.boolean().default(true) }).strict();
export const capsDropped: CheckKind<z.infer<typeof capsParams>> = {
  name: 'caps-dropped',
  description: "The service's running container drops all capabilities (adding back only `allowAdd`), is not privileged, and has no-new-privileges.",
  params: capsParams,
  needs: (t) => serviceContainerReqs(t),
  evaluate: (facts, t, p) =>
    withServiceContainer(facts, t, (c) => {
      const caps = effectiveCaps(c);
      const evidence = [
        `${c.name} still has: ${caps === 'ALL' ? 'every capability' : caps.join(', ') || 'no capabilities'}`,
        `cap_drop: ${c.capDrop.join(', ') || 'none'}; cap_add: ${c.capAdd.join(', ') || 'none'}; privileged: ${c.privileged}; security_opt: ${c.securityOpt.join(', ') || 'none'}`,
      ];
      const allowed = p.allowAdd.map(cap);
      const problems: string[] = [];
      if (c.privileged) problems.push('runs privileged: every capability and every host device');
      const dropped = c.capDrop.map(cap);
      // Dropping each default capability by name leaves the same empty set as ALL.
      const dropsAll = dropped.includes('ALL') || DEFAULT_CAPS.every((x) => dropped.includes(x));
      const kept = DEFAULT_CAPS.filter((x) => !dropped.includes(x)).length;
      if (!dropsAll) problems.push(`does not drop ALL: it keeps ${kept === DEFAULT_CAPS.length ? "the engine's default set" : `${kept} of the engine's ${DEFAULT_CAPS.length} default capabilities`}`);
      const extra = c.capAdd.map(cap).filter((x) => !allowed.includes(x));
      if (extra.length) problems.push(`adds ${extra.join(', ')}, which is not in the allowed list (${allowed.join(', ') || 'none'})`);
      if (p.noNewPrivileges && !noNewPrivileges(c.securityOpt)) problems.push('has no no-new-privileges: a setuid program inside could still gain privileges');
      return problems.length ? fail(`${c.name} ${problems.join('; ')}`, evidence) : pass(`${c.name} runs with ${caps === 'ALL' ? 'every capability' : caps.length ? `only ${caps.join(', ')}` : 'no capabilities'}`, evidence);
    }),
};

const limitsParams = z.object({ memory: z.boolean().default(true), maxMemoryMb: z.number().positive().optional(), pids: z.boolean().default(false), cpus: z.boolean().default(false) }).strict();
export const resourceLimits: CheckKind<z.infer<typeof limitsParams>> = {
  name: 'resource-limits',
  description: "The service's running container has a memory limit (at most `maxMemoryMb`), and a pids / CPU limit when asked.",
  params: limitsParams,
  needs: (t) => serviceContainerReqs(t),
  evaluate: (facts, t, p) =>
    withServiceContainer(facts, t, (c) => {
      const mib = c.memoryLimit / 1024 / 1024;
      const evidence = [`${c.name}: memory ${c.memoryLimit ? `${+mib.toFixed(1)} MiB` : 'unlimited'}; pids ${c.pidsLimit ?? 'unlimited'}; cpus ${c.nanoCpus ? c.nanoCpus / 1e9 : 'unlimited'}`];
      const problems: string[] = [];
      if (p.memory && !c.memoryLimit) problems.push('no memory limit');
      else if (p.memory && p.maxMemoryMb && mib > p.maxMemoryMb) problems.push(`a memory limit above ${p.maxMemoryMb} MiB`);
      if (p.pids && !c.pidsLimit) problems.push('no pids limit');
      if (p.cpus && !c.nanoCpus) problems.push('no CPU limit');
      return problems.length ? fail(`${c.name} has ${problems.join(', ')}`, evidence) : pass(`${c.name} runs within limits`, evidence);
    }),
};

const readOnlyParams = z.object({ writable: z.array(z.string().startsWith('/')).default(['/tmp']) }).strict();
export const readOnlyRootfs: CheckKind<z.infer<typeof readOnlyParams>> = {
  name: 'read-only-rootfs',
  description: "The service's running container has a read-only root filesystem, with a tmpfs or volume at each path in `writable`.",
  params: readOnlyParams,
  needs: (t) => serviceContainerReqs(t),
  evaluate: (facts, t, p) =>
    withServiceContainer(facts, t, (c) => {
      const places = writablePlaces(c);
      const mounted = [
        ...c.tmpfs.map((x) => [x, readOnlyTmpfs(c, x) ? 'tmpfs (read-only)' : 'tmpfs'] as const),
        ...c.mounts.map((m) => [m.destination, m.rw ? m.type : `${m.type} (read-only)`] as const),
      ];
      const evidence = [`${c.name}: read-only root filesystem ${c.readonlyRootfs ? 'yes' : 'no'}; mounts: ${mounted.map(([d, k]) => `${k} at ${d}`).join(', ') || 'none'}`];
      if (!c.readonlyRootfs) return fail(`${c.name} can write anywhere in its root filesystem`, evidence);
      const missing = p.writable.filter((w) => !places.some((x) => within(x.path, normal(w))));
      if (missing.length) {
        const roTmpfs = c.tmpfs.filter((x) => readOnlyTmpfs(c, x) && missing.includes(normal(x)));
        const why = roTmpfs.length ? ` (the tmpfs at ${roTmpfs.map(normal).join(', ')} is mounted read-only)` : '';
        return fail(`${c.name} is read-only but has nothing writable at ${missing.join(', ')}${why}`, evidence);
      }
      return pass(`${c.name} runs read-only${places.length ? `, writable only at ${places.map((x) => `${x.path} (${x.kind})`).join(', ')}` : ''}`, evidence);
    }),
};

/** `/tmp/` and `/tmp` are one place to the engine. */
const normal = (path: string): string => posix.normalize(path).replace(/(.)\/+$/, '$1');
const within = (mount: string, path: string) => path === mount || path.startsWith(mount === '/' ? '/' : `${mount}/`);
const readOnlyTmpfs = (c: Pick<ContainerFacts, 'tmpfsOptions'>, path: string) =>
  (c.tmpfsOptions?.[path] ?? '').split(',').map((o) => o.trim()).includes('ro');

/** Where the process can write when the root filesystem is read-only: rw tmpfs and rw mounts. */
function writablePlaces(c: ContainerFacts): { path: string; kind: string }[] {
  return [
    ...c.tmpfs.filter((x) => !readOnlyTmpfs(c, x)).map((x) => ({ path: normal(x), kind: 'tmpfs' })),
    ...c.mounts.filter((m) => m.rw).map((m) => ({ path: normal(m.destination), kind: m.type || 'mount' })),
  ];
}
