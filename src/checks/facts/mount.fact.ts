import { defineFact } from './fact-type.js';
import type { MountFacts } from './mount.js';

/**
 * `pathEnv`: a variable of the container's environment that, when set, says where the folder is (PGDATA).
 * `ids`: also the process user's uid, gid and groups and the folder's owner (reads /etc/passwd and
 * /etc/group of the image: three more archive reads, so only a request that judges them asks).
 */
export type MountRequest = { type: 'mount'; container: string; path: string; files: string[]; pathEnv?: string; ids?: boolean };

/** What is mounted at a path of the student's container: kind, owner, a few files; read-only. */
export const mountFact = defineFact<MountRequest, MountFacts>({
  type: 'mount',
  key: (r) => `mount:${r.container}:${r.path}:${r.pathEnv ?? ''}`,
  engine: true,
  timeoutMs: () => 60_000,
  describe: (r) => `${r.path} in container ${r.container}`,
  collect: async (r, ctx) => (await import('./mount.js')).readMount(ctx.engine, r.container, r.path, r.files, { pathEnv: r.pathEnv, ids: r.ids === true }),
  merge: (a, b) => ({ ...a, files: [...new Set([...a.files, ...b.files])], ...(a.ids || b.ids ? { ids: true } : {}) }),
  fingerprint: (v) => ({ mount: v.mount, owner: v.owner, user: v.user }),
  probeInputs: (r) => [{ type: 'container', name: r.container }],
  fake: (r) => ({ container: r.container, found: false, running: false, user: '', uid: null, gid: null, groups: [], path: r.path, pathFrom: null, mount: null, owner: null, files: {} }),
});
