import { posix } from 'node:path';
import type { Engine } from '../../engine/client.js';
import { createTempContainer } from '../../engine/temp-container.js';
import { exists, firstEntry, type Owner } from './archive.js';

export interface MountFacts {
  container: string;
  /** false: no container by that name. */
  found: boolean;
  /** The process user as configured (container or image), and its numeric ids when resolvable. */
  user: string;
  uid: number | null;
  gid: number | null;
  mount: { type: string; name: string | null; source: string; rw: boolean; anonymous: boolean } | null;
  /** Owner and mode of the mounted folder itself. */
  owner: Owner | null;
  /** Files under the mount (relative paths): their text, or null when absent. */
  files: Record<string, string | null>;
}

const ANONYMOUS = /^[0-9a-f]{64}$/;

/**
 * What is mounted at `path` in the student's container, read without touching that container: a
 * throwaway container of the same image (created, never started; labelled, removed in `finally`)
 * mounts the same volume or folder read-only (no copy-up into an empty volume) and is read through
 * the archive API.
 */
export async function readMount(engine: Engine, name: string, path: string, files: string[]): Promise<MountFacts> {
  const base: MountFacts = { container: name, found: false, user: '', uid: null, gid: null, mount: null, owner: null, files: {} };
  let info;
  try {
    info = await engine.docker.getContainer(name).inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return base;
    throw err;
  }
  const m = (info.Mounts ?? []).find((x) => posix.normalize(x.Destination) === posix.normalize(path));
  const user = info.Config.User ?? '';
  const out: MountFacts = {
    ...base, found: true, user,
    mount: m ? { type: m.Type ?? '', name: m.Name ?? null, source: m.Source, rw: m.RW, anonymous: m.Type === 'volume' && ANONYMOUS.test(m.Name ?? '') } : null,
  };
  const mounts = m && (m.Type === 'volume' || m.Type === 'bind')
    ? [{ Type: m.Type, Source: m.Type === 'volume' ? m.Name! : m.Source, Target: path, ReadOnly: true, ...(m.Type === 'volume' ? { VolumeOptions: { NoCopy: true } } : {}) }]
    : [];
  const temp = createTempContainer(engine.docker, 'mount', {
    Image: info.Image, Entrypoint: ['/dojo-probe-never-started'], Cmd: [], NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none', Mounts: mounts as never },
  });
  try {
    const c = await temp.created;
    const [passwd, group, owner, texts] = await Promise.all([
      firstEntry(c, '/etc/passwd'), firstEntry(c, '/etc/group'),
      mounts.length ? firstEntry(c, path) : Promise.resolve(null),
      Promise.all(files.map(async (f) => [f, mounts.length && (await exists(c, posix.join(path, f))) ? ((await firstEntry(c, posix.join(path, f)))?.text ?? '') : null] as const)),
    ]);
    out.owner = owner?.owner ?? null;
    out.files = Object.fromEntries(texts);
    Object.assign(out, ids(user, passwd?.text ?? '', group?.text ?? ''));
    return out;
  } finally {
    temp.release();
  }
}

/** `user[:group]` to numeric ids through the image's own /etc/passwd and /etc/group; "" is root. */
export function ids(user: string, passwd: string, group: string): { uid: number | null; gid: number | null } {
  const [u = '', g] = user.split(':');
  const entry = (text: string, key: string) => text.split('\n').map((l) => l.split(':')).find((f) => f[0] === key);
  let uid: number | null = u === '' ? 0 : /^\d+$/.test(u) ? Number(u) : Number(entry(passwd, u)?.[2] ?? NaN);
  let gid: number | null = null;
  if (g !== undefined) gid = /^\d+$/.test(g) ? Number(g) : Number(entry(group, g)?.[2] ?? NaN);
  else if (u === '' || u === 'root') gid = 0;
  else {
    const byUid = passwd.split('\n').map((l) => l.split(':')).find((f) => (/^\d+$/.test(u) ? f[2] === u : f[0] === u));
    gid = byUid ? Number(byUid[3]) : /^\d+$/.test(u) ? Number(u) : null;
  }
  if (Number.isNaN(uid)) uid = null;
  if (gid !== null && Number.isNaN(gid)) gid = null;
  return { uid, gid };
}
