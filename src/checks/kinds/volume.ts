import { z } from 'zod';
import type { MountRequest } from '../facts/requests.js';
import type { MountFacts } from '../facts/mount.js';
import { serviceOf } from './targets.js';
import { error, fail, pass, type CheckKind, type CheckTarget } from '../types.js';
import { writeBits } from './write-bits.js';
import { lookalikeReq, missingContainer } from './missing-container.js';

const mountReq = (t: CheckTarget, service: string, path: string, files: string[] = [], pathEnv?: string, ids = false): MountRequest =>
  ({ type: 'mount', container: serviceOf(t, service).container, path, files, ...(pathEnv ? { pathEnv } : {}), ...(ids ? { ids } : {}) });
export const describeMount = (m: MountFacts): string => {
  if (!m.mount) return 'nothing mounted';
  const at = m.mount.destination !== m.path ? ` at ${m.mount.destination}` : '';
  if (m.mount.type === 'volume') return m.mount.anonymous ? `an anonymous volume${at}` : `volume ${m.mount.name}${at}`;
  return m.mount.type === 'bind' ? `a bind mount of ${m.mount.source}${at}` : `a ${m.mount.type} mount${at}`;
};
const where = (m: MountFacts, requested: string) => `${m.path}${m.pathFrom && m.path !== requested ? ` (${m.pathFrom} in the container's environment)` : ''}`;

const dataParams = z.object({ service: z.string(), path: z.string().startsWith('/').default('/var/lib/postgresql/data'), pathEnv: z.string().optional() }).strict();
/** Live: the volume holds an initialised cluster (PG_VERSION), read through a throwaway container. */
export const volumeData: CheckKind<z.infer<typeof dataParams>> = {
  name: 'volume-data',
  description: "PostgreSQL's data folder (`path`, or the value of `pathEnv` such as PGDATA) lies in a named volume or a host folder and holds an initialised cluster (PG_VERSION). Read-only, through a throwaway container.",
  params: dataParams,
  services: (p) => [p.service],
  needs: (t, p) => [mountReq(t, p.service, p.path, ['PG_VERSION'], p.pathEnv), lookalikeReq(t, p.service)],
  evaluate: (facts, t, p) => {
    const m = facts.get(mountReq(t, p.service, p.path, ['PG_VERSION'], p.pathEnv));
    if (!m.found) return missingContainer(facts, t, p.service);
    const evidence = [`${where(m, p.path)} in ${m.container}: ${describeMount(m)}`];
    if (!m.mount || (m.mount.type !== 'volume' && m.mount.type !== 'bind')) return fail(`${m.path} of ${m.container} is not in a volume: the data is gone with the container`, evidence);
    if (m.mount.anonymous) return fail(`${m.path} of ${m.container} is in an anonymous volume: a new container will not find it by name, and \`docker rm -v\` deletes it`, evidence);
    const version = m.files.PG_VERSION;
    if (version === null || version === undefined) return fail(`${describeMount(m)} holds no PostgreSQL cluster at ${m.path} (no PG_VERSION)`, [...evidence, 'has PostgreSQL finished its first start? `docker logs` shows it']);
    evidence.push(`PG_VERSION: ${version.trim()}`);
    const kept = m.mount.type === 'bind' ? 'a host folder, which outlives the container' : 'a named volume that outlives the container';
    return pass(`${describeMount(m)} holds a PostgreSQL ${version.trim()} cluster: ${kept}`, evidence);
  },
};

const permParams = z.object({ service: z.string(), path: z.string().startsWith('/'), allowRoot: z.boolean().default(false) }).strict();
/** UID/GID rules as in Module 1: owner bits for the owner, group bits for any of its groups, else the rest. */
export const volumePermissions: CheckKind<z.infer<typeof permParams>> = {
  name: 'volume-permissions',
  description: "The service's process user, not root (unless `allowRoot`), can write to the folder mounted at `path` (uid, gid and supplementary groups against owner and mode).",
  params: permParams,
  services: (p) => [p.service],
  needs: (t, p) => [mountReq(t, p.service, p.path, [], undefined, true), lookalikeReq(t, p.service)],
  evaluate: (facts, t, p) => {
    const m = facts.get(mountReq(t, p.service, p.path, [], undefined, true));
    if (!m.found) return missingContainer(facts, t, p.service);
    const evidence = [`${p.path} in ${m.container}: ${describeMount(m)}`];
    if (!m.mount) return fail(`nothing is mounted at ${p.path} in ${m.container}`, evidence);
    if (!m.owner) return error(`could not read the owner of ${p.path}`, evidence);
    const mode = (m.owner.mode & 0o777).toString(8).padStart(3, '0');
    const groups = m.groups.length ? `, groups ${m.groups.join(',')}` : '';
    evidence.push(`process user: ${m.user === '' ? '(unset: root)' : m.user} = uid ${m.uid ?? '?'}, gid ${m.gid ?? '?'}${groups}`, `folder: owner uid ${m.owner.uid}, gid ${m.owner.gid}, mode ${mode}${m.mount.rw ? '' : ', mounted read-only'}`);
    if (m.uid === null) return error(`could not resolve user "${m.user}" to a uid (no /etc/passwd entry in the image)`, evidence);
    if (!m.mount.rw) return fail(`${p.path} is mounted read-only in ${m.container}`, evidence);
    if (m.uid === 0 && !p.allowRoot) return fail(`${m.container} runs as root (uid 0): root writes anywhere, so this says nothing about the service's own user`, evidence);
    const bits = writeBits(m.uid, m.gid, m.groups, m.owner);
    if (!(bits.mode & 0o2)) return fail(`uid ${m.uid} cannot write to ${p.path} in ${m.container} (${bits.via} bits ${bits.triplet})`, evidence);
    return pass(`uid ${m.uid} can write to ${p.path} in ${m.container} (${bits.via} bits ${bits.triplet})`, evidence);
  },
};
