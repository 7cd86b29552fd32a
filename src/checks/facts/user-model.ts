import { expand } from './build-args.js';
import { finalChain, type DockerfileFacts } from './dockerfile-model.js';

/** `Config.User` read the way the engine reads it when it starts a container. */
export interface ResolvedUser {
  raw: string;
  /** null when a name is not in the image's /etc/passwd: the engine refuses to start a container as it. */
  uid: number | null;
  root: boolean | null;
  /** How the uid was found, for evidence. */
  how: string;
}

/**
 * `user[:group]`; an unset user is root; a number is a uid whether or not /etc/passwd lists it; a
 * name is looked up in the image's own /etc/passwd (not the host's), so `toor` with uid 0 is root.
 */
export function resolveUser(raw: string, passwd: string | undefined, groupFile?: string | null): ResolvedUser {
  const value = raw.trim();
  if (value === '') return { raw, uid: 0, root: true, how: 'no user set, so the process runs as root (uid 0)' };
  const user = value.split(':')[0]!.trim();
  const group = value.includes(':') ? value.slice(value.indexOf(':') + 1) : null;
  const withGroup = group !== null ? `, group ${group}` : '';
  const missingGroup = group !== null ? groupProblem(group.trim(), groupFile) : null;
  if (missingGroup) return { raw, uid: null, root: null, how: `${missingGroup}, so the engine cannot start a container as ${value} ("unable to find group ${group!.trim()}")` };
  if (/^\d+$/.test(user)) {
    const uid = Number(user);
    return { raw, uid, root: uid === 0, how: `uid ${uid}${withGroup}${uid === 0 ? ' (root)' : ''}` };
  }
  const entry = passwd?.split('\n').map((l) => l.split(':')).find((f) => f[0] === user && f.length >= 3);
  if (!entry || !/^\d+$/.test(entry[2] ?? '')) {
    const where = passwd === undefined ? 'the image has no /etc/passwd' : `${user} is not in the image's /etc/passwd`;
    return { raw, uid: null, root: user === 'root' ? true : null, how: `${where}, so the engine cannot start a container as ${user}` };
  }
  const uid = Number(entry[2]);
  return { raw, uid, root: uid === 0, how: `${user} is uid ${uid} in the image's /etc/passwd${withGroup}${uid === 0 && user !== 'root' ? ', which is root' : ''}` };
}

/**
 * A group name must be in the image's /etc/group (a number needs no entry). `groupFile` undefined:
 * not read, nothing to say; null: the image has no /etc/group.
 */
function groupProblem(group: string, groupFile: string | null | undefined): string | null {
  if (groupFile === undefined || group === '' || /^\d+$/.test(group)) return null;
  if (groupFile === null) return `the image has no /etc/group to find group ${group} in`;
  const listed = groupFile.split('\n').some((l) => l.split(':')[0] === group);
  return listed ? null : `group ${group} is not in the image's /etc/group`;
}

export interface DockerfileUser {
  /** The USER in effect at the end of the final stage's chain; value null when it needs an ARG without a value. */
  final: { line: number; text: string; value: string | null } | null;
  /** The base the final stage's chain starts from (the image a missing USER is inherited from). */
  base: { line: number; name: string | null };
  /** USER lines in stages the final image does not include: they change nothing at run time. */
  elsewhere: { line: number; text: string; stage: string }[];
}

/** The USER the final image gets from this Dockerfile, with ARG and ENV expanded as the builder does. */
export function dockerfileUser(df: DockerfileFacts): DockerfileUser {
  const chain = finalChain(df);
  let final: DockerfileUser['final'] = null;
  for (const stage of chain) {
    const vars: Record<string, string | null> = { ...df.globalArgs };
    for (const i of stage.instructions) {
      if (i.keyword === 'ARG' || i.keyword === 'ENV') {
        for (const m of i.text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("[^"]*"|'[^']*'|\S*))?/g)) {
          const value = m[2]?.replace(/^["']|["']$/g, '');
          if (i.keyword === 'ENV' || value !== undefined || !(m[1]! in vars)) vars[m[1]!] = value === undefined ? (vars[m[1]!] ?? null) : expand(value, vars);
        }
      }
      if (i.keyword === 'USER') final = { line: i.line, text: `USER ${i.text}`, value: expand(i.text, vars) };
    }
  }
  const elsewhere = df.stages
    .filter((s) => !chain.includes(s))
    .flatMap((s) => s.instructions.filter((i) => i.keyword === 'USER').map((i) => ({ line: i.line, text: `USER ${i.text}`, stage: s.name ?? `#${s.index}` })));
  return { final, base: { line: chain[0]?.line ?? 1, name: chain[0]?.base ?? null }, elsewhere };
}

export type StaticUserVerdict = 'pass' | 'fail' | 'inherits' | 'unknown';

/**
 * What the Dockerfile alone says: `inherits` when the final image sets no USER on a base that may
 * set one (only the built image can tell); scratch sets none, so nothing there means root.
 */
export function staticUserVerdict(u: DockerfileUser): StaticUserVerdict {
  if (!u.final) return u.base.name === 'scratch' ? 'fail' : 'inherits';
  if (u.final.value === null) return 'unknown';
  const user = u.final.value.split(':')[0]!.trim();
  return user === '' || user === 'root' || /^0+$/.test(user) ? 'fail' : 'pass';
}
