import { posix } from 'node:path';
import type { Engine } from '../../engine/client.js';
import { createTempContainer } from '../../engine/temp-container.js';
import { firstEntry, type Owner } from './archive.js';

export interface MountFacts {
  container: string;
  /** false: no container by that name. */
  found: boolean;
  /** The process user as configured (container or image), and its numeric ids when resolvable (null unless asked for). */
  user: string;
  uid: number | null;
  gid: number | null;
  /** Supplementary groups: /etc/group membership (when no group is given) and --group-add. */
  groups: number[];
  running: boolean;
  /** The folder judged: `path`, or the value of `pathEnv` in the container's environment (PGDATA). */
  path: string;
  pathFrom: string | null;
  /** The mount that holds `path`: mounted at it, or at a folder above it. */
  mount: { type: string; name: string | null; source: string; destination: string; rw: boolean; anonymous: boolean } | null;
  /** Owner and mode of the mounted folder itself (null unless the ids were asked for). */
  owner: Owner | null;
  /** Files under the mount (relative paths): their text, or null when absent. */
  files: Record<string, string | null>;
}

const ANONYMOUS = /^[0-9a-f]{64}$/;

/**
 * What is mounted at `path` in the student's container, read without touching that container: a
 * throwaway container of the same image (created, never started; labelled, removed in `finally`)
 * mounts the same volume or folder read-only (no copy-up into an empty volume) and is read through
 * the archive API. Each archive read mounts the image's layers again, so only what was asked for is
 * read: the files, and with `ids` the owner of the folder and the image's /etc/passwd and /etc/group.
 */
export async function readMount(engine: Engine, name: string, requested: string, files: string[], opts: { pathEnv?: string; ids?: boolean } = {}): Promise<MountFacts> {
  const { pathEnv, ids: withIds = false } = opts;
  const base: MountFacts = { container: name, found: false, running: false, user: '', uid: null, gid: null, groups: [], path: requested, pathFrom: null, mount: null, owner: null, files: {} };
  let info;
  try {
    info = await engine.docker.getContainer(name).inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return base;
    throw err;
  }
  const fromEnv = pathEnv ? (info.Config.Env ?? []).find((e) => e.startsWith(`${pathEnv}=/`))?.slice(pathEnv.length + 1) : undefined;
  const path = posix.normalize(fromEnv ?? requested);
  const m = holdingMount(info.Mounts ?? [], path);
  const user = info.Config.User ?? '';
  const out: MountFacts = {
    ...base, found: true, running: info.State.Running, user, path, pathFrom: fromEnv ? `${pathEnv}=${fromEnv}` : null,
    mount: m ? { type: m.Type ?? '', name: m.Name ?? null, source: m.Source, destination: m.Destination, rw: m.RW, anonymous: m.Type === 'volume' && ANONYMOUS.test(m.Name ?? '') } : null,
  };
  const mounts = m && (m.Type === 'volume' || m.Type === 'bind')
    ? [{ Type: m.Type, Source: m.Type === 'volume' ? m.Name! : m.Source, Target: m.Destination, ReadOnly: true, ...(m.Type === 'volume' ? { VolumeOptions: { NoCopy: true } } : {}) }]
    : [];
  const temp = createTempContainer(engine.docker, 'mount', {
    Image: info.Image, Entrypoint: ['/dojo-probe-never-started'], Cmd: [], NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none', Mounts: mounts as never },
  });
  try {
    const c = await temp.created;
    const none = Promise.resolve(null);
    const [passwd, group, owner, texts] = await Promise.all([
      withIds ? firstEntry(c, '/etc/passwd') : none, withIds ? firstEntry(c, '/etc/group') : none,
      withIds && mounts.length ? firstEntry(c, path) : none,
      // One read per file: a missing one answers 404, which firstEntry turns into null.
      Promise.all(files.map(async (f) => [f, mounts.length ? ((await firstEntry(c, posix.join(path, f)))?.text ?? null) : null] as const)),
    ]);
    out.owner = owner?.owner ?? null;
    out.files = Object.fromEntries(texts);
    if (withIds) Object.assign(out, ids(user, passwd?.text ?? '', group?.text ?? '', info.HostConfig.GroupAdd ?? []));
    return out;
  } finally {
    temp.release();
  }
}

/** The mount at `path` or at the nearest folder above it (PGDATA may sit in a subfolder of the volume). */
function holdingMount<M extends { Destination: string }>(mounts: M[], path: string): M | undefined {
  const holds = (d: string) => path === d || path.startsWith(d === '/' ? '/' : `${d}/`);
  return mounts.filter((x) => holds(posix.normalize(x.Destination))).sort((a, b) => b.Destination.length - a.Destination.length)[0];
}

const table = (text: string) => text.split('\n').filter(Boolean).map((l) => l.split(':'));

/**
 * `user[:group]` to the ids the process gets, as runc resolves them: "" is root; a numeric uid
 * without a passwd entry gets gid 0; supplementary groups come from /etc/group membership (only
 * when no group is given) and from --group-add.
 */
export function ids(user: string, passwd: string, group: string, groupAdd: string[] = []): { uid: number | null; gid: number | null; groups: number[] } {
  const [u = '', g] = user.split(':');
  const numeric = (x: string) => /^\d+$/.test(x);
  const entry = table(passwd).find((f) => (numeric(u) ? f[2] === u : f[0] === (u || 'root')));
  const groups = table(group);
  const gidOf = (x: string) => (numeric(x) ? Number(x) : groups.find((f) => f[0] === x)?.[2] !== undefined ? Number(groups.find((f) => f[0] === x)![2]) : null);
  const uid = u === '' ? 0 : numeric(u) ? Number(u) : entry ? Number(entry[2]) : null;
  let gid: number | null = g !== undefined && g !== '' ? gidOf(g) : entry ? Number(entry[3]) : uid === null ? null : 0;
  if (gid !== null && Number.isNaN(gid)) gid = null;
  const member = g === undefined && entry ? groups.filter((f) => (f[3] ?? '').split(',').includes(entry[0]!)).map((f) => Number(f[2])) : [];
  const added = groupAdd.map(gidOf).filter((x): x is number => x !== null);
  return { uid: uid !== null && Number.isNaN(uid) ? null : uid, gid, groups: [...new Set([...member, ...added])].filter((x) => !Number.isNaN(x)) };
}
