import { z } from 'zod';
import type { MountRequest } from '../facts/requests.js';
import type { MountFacts } from '../facts/mount.js';
import { serviceOf } from './targets.js';
import { error, fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const mountReq = (t: CheckTarget, service: string, path: string, files: string[] = []): MountRequest =>
  ({ type: 'mount', container: serviceOf(t, service).container, path, files });
const describeMount = (m: MountFacts) =>
  !m.mount ? 'nothing mounted' : m.mount.type === 'volume' ? `volume ${m.mount.name}${m.mount.anonymous ? ' (anonymous)' : ''}` : `${m.mount.type} mount of ${m.mount.source}`;

const dataParams = z.object({ service: z.string(), path: z.string().startsWith('/').default('/var/lib/postgresql/data') }).strict();
/** Live: the volume holds an initialised cluster (PG_VERSION), read through a throwaway container. */
export const volumeData: CheckKind<z.infer<typeof dataParams>> = {
  name: 'volume-data',
  description: "PostgreSQL's data folder (a mounted volume) holds an initialised cluster: PG_VERSION is there. Read-only, through a throwaway container.",
  params: dataParams,
  services: (p) => [p.service],
  needs: (t, p) => [mountReq(t, p.service, p.path, ['PG_VERSION'])],
  evaluate: (facts, t, p) => {
    const m = facts.get(mountReq(t, p.service, p.path, ['PG_VERSION']));
    if (!m.found) return error(`no container named ${m.container}`, [`start it, or set services.${p.service}.container in dojo.yaml`]);
    const evidence = [`${p.path} in ${m.container}: ${describeMount(m)}`];
    if (!m.mount || (m.mount.type !== 'volume' && m.mount.type !== 'bind')) return fail(`${p.path} of ${m.container} is not a volume: the data is gone with the container`, evidence);
    const version = m.files.PG_VERSION;
    if (version === null || version === undefined) return fail(`${describeMount(m)} holds no PostgreSQL cluster (no PG_VERSION)`, [...evidence, 'has PostgreSQL finished its first start? `docker logs` shows it']);
    evidence.push(`PG_VERSION: ${version.trim()}`);
    return pass(`${describeMount(m)} holds a PostgreSQL ${version.trim()} cluster that outlives the container`, evidence);
  },
};

const permParams = z.object({ service: z.string(), path: z.string().startsWith('/') }).strict();
/** UID/GID rules as in Module 1: owner bits for the owner, group bits for the group, else the rest. */
export const volumePermissions: CheckKind<z.infer<typeof permParams>> = {
  name: 'volume-permissions',
  description: "The service's process user can write to the folder mounted at `path` (uid/gid against owner and mode).",
  params: permParams,
  services: (p) => [p.service],
  needs: (t, p) => [mountReq(t, p.service, p.path)],
  evaluate: (facts, t, p) => {
    const m = facts.get(mountReq(t, p.service, p.path));
    if (!m.found) return error(`no container named ${m.container}`, [`start it, or set services.${p.service}.container in dojo.yaml`]);
    const evidence = [`${p.path} in ${m.container}: ${describeMount(m)}`];
    if (!m.mount) return fail(`nothing is mounted at ${p.path} in ${m.container}`, evidence);
    if (!m.owner) return error(`could not read the owner of ${p.path}`, evidence);
    const mode = (m.owner.mode & 0o777).toString(8).padStart(3, '0');
    evidence.push(`process user: ${m.user === '' ? '(unset: root)' : m.user} = uid ${m.uid ?? '?'}, gid ${m.gid ?? '?'}`, `folder: owner uid ${m.owner.uid}, gid ${m.owner.gid}, mode ${mode}${m.mount.rw ? '' : ', mounted read-only'}`);
    if (m.uid === null) return error(`could not resolve user "${m.user}" to a uid (no /etc/passwd entry in the image)`, evidence);
    if (!m.mount.rw) return fail(`${p.path} is mounted read-only in ${m.container}`, evidence);
    const bits = m.uid === 0 ? 0o7 : m.uid === m.owner.uid ? m.owner.mode >> 6 : m.gid === m.owner.gid ? m.owner.mode >> 3 : m.owner.mode;
    if (!(bits & 0o2)) return fail(`uid ${m.uid} cannot write to ${p.path} in ${m.container}`, evidence);
    return pass(`uid ${m.uid} can write to ${p.path} in ${m.container}`, evidence);
  },
};
