import { posix } from 'node:path';
import { program, words } from './commands.js';
import { copyArgs } from './copy-sources.js';
import type { DfInstruction } from './dockerfile-model.js';
import { commandsOf, isSubshellBound, type SimpleCommand } from './shell.js';

/** What one instruction does to the paths that matter for layer waste, in the order it does it. */
export type FileEffect = { op: 'create' | 'delete'; path: string; what: string };

const PKG_CACHES: Record<string, string[]> = {
  update: ['/var/lib/apt/lists'],
  add: ['/var/cache/apk'],
};

/**
 * Paths a step creates that are commonly deleted later (package lists and caches, downloads, copied
 * archives and folders, installed packages) and the paths it deletes. Commands are read from their
 * parsed words, so options before a subcommand (`apt-get -y update`) and heredoc scripts count.
 */
export function fileEffects(i: DfInstruction, workdir: string): FileEffect[] {
  if (i.keyword === 'COPY' || i.keyword === 'ADD') return copyEffects(i, workdir);
  if (i.keyword !== 'RUN') return [];
  const out: FileEffect[] = [];
  const cwds = [workdir];
  for (const cmd of commandsOf(i)) {
    if (isSubshellBound(cmd)) {
      if (cmd.argv[0] === '(') cwds.push(cwds[cwds.length - 1]!);
      else if (cwds.length > 1) cwds.pop();
      continue;
    }
    if (cmd.argv[0] === 'cd' && cmd.argv[1]) cwds[cwds.length - 1] = posix.resolve(cwds[cwds.length - 1]!, cmd.argv[1]);
    out.push(...commandEffects(cmd, cwds[cwds.length - 1]!));
  }
  return out;
}

function copyEffects(i: DfInstruction, workdir: string): FileEffect[] {
  const { sources, dest } = copyArgs(i);
  const abs = posix.resolve(workdir, dest);
  const intoDir = dest.endsWith('/') || sources.length > 1 || dest === '.';
  return sources.map((s) => {
    const base = posix.basename(s.replace(/\/+$/, ''));
    const wide = s === '.' || s.endsWith('/') || /[*?[]/.test(s);
    // A folder's contents land in the destination; a file lands under its own name when the destination is a folder.
    const path = wide ? `${abs}/**` : intoDir ? posix.join(abs, base) : abs;
    return { op: 'create', path, what: `${i.keyword} ${s}` };
  });
}

function commandEffects(cmd: SimpleCommand, cwd: string): FileEffect[] {
  const { name, args } = program(cmd);
  const [sub, ...rest] = words(name, args);
  const create = (path: string, what: string): FileEffect => ({ op: 'create', path, what });
  const del = (path: string, what: string): FileEffect => ({ op: 'delete', path, what });
  const noCache = args.includes('--no-cache') || args.includes('--no-cache-dir');
  switch (name) {
    case 'apt-get': case 'apt':
      if (sub === 'update') return (PKG_CACHES.update ?? []).map((p) => create(p, `${name} update`));
      if (sub === 'install') return rest.map((p) => create(`package:${p}`, `${name} install ${p}`));
      if (sub === 'clean' || sub === 'autoclean') return [del('/var/cache/apt', `${name} ${sub}`)];
      if (sub === 'purge' || sub === 'remove' || sub === 'autoremove') return rest.map((p) => del(`package:${p}`, `${name} ${sub} ${p}`));
      return [];
    case 'apk':
      if (sub === 'add') return [...(noCache ? [] : [create('/var/cache/apk', 'apk add')]), ...rest.map((p) => create(`package:${p}`, `apk add ${p}`))];
      if (sub === 'del') return rest.map((p) => del(`package:${p}`, `apk del ${p}`));
      if (sub === 'cache' && rest[0] === 'clean') return [del('/var/cache/apk', 'apk cache clean')];
      return [];
    case 'yum': case 'dnf':
      if (sub === 'install') return [create(`/var/cache/${name}`, `${name} install`), ...rest.map((p) => create(`package:${p}`, `${name} install ${p}`))];
      if (sub === 'clean') return [del(`/var/cache/${name}`, `${name} clean`)];
      if (sub === 'remove' || sub === 'erase') return rest.map((p) => del(`package:${p}`, `${name} remove ${p}`));
      return [];
    case 'pip':
      if (sub === 'install' && !noCache) return [create('/root/.cache/pip', 'pip install')];
      if (sub === 'cache' && rest[0] === 'purge') return [del('/root/.cache/pip', 'pip cache purge')];
      return [];
    case 'npm':
      if (sub === 'cache' && rest[0] === 'clean') return [del('/root/.npm', 'npm cache clean')];
      return ['ci', 'install', 'i'].includes(sub ?? '') ? [create('/root/.npm', `npm ${sub}`)] : [];
    case 'curl': case 'wget': return downloadEffects(name, args, cwd);
    case 'rm': return words('rm', args).map((w) => del(posix.resolve(cwd, w), `rm ${w}`));
    default: return [];
  }
}

function downloadEffects(name: string, args: string[], cwd: string): FileEffect[] {
  const out: FileEffect[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    const target = ['-o', '--output', '-O', '--output-document'].includes(a) && !(name === 'curl' && a === '-O') ? args[k + 1] : /^--output(-document)?=/.test(a) ? a.split('=')[1] : undefined;
    if (target && target !== '-') out.push({ op: 'create', path: posix.resolve(cwd, target), what: `${name} ${a} ${target}` });
  }
  // `curl -O url` and `wget url` save under the URL's file name.
  const remoteName = (name === 'curl' && args.some((a) => /^-[a-zA-Z]*O[a-zA-Z]*$/.test(a))) || (name === 'wget' && !args.some((a) => /^(-O|--output-document)/.test(a)));
  if (remoteName) for (const url of args.filter((a) => /^(https?|ftp):\/\//.test(a))) out.push({ op: 'create', path: posix.join(cwd, posix.basename(new URL(url).pathname) || 'index.html'), what: `${name} ${url}` });
  return out;
}

/** True when deleting `deleted` removes (part of) `created`; globs are cut at their first wildcard. */
export function overlaps(deleted: string, created: string): boolean {
  if (created.startsWith('package:') || deleted.startsWith('package:')) return created === deleted;
  const c = created.replace(/\/\*\*$/, '').replace(/\/+$/, '') || '/';
  const star = deleted.search(/[*?[]/);
  if (star >= 0) {
    const prefix = deleted.slice(0, star);
    return c.startsWith(prefix) || prefix.startsWith(`${c}/`);
  }
  const d = deleted.replace(/\/+$/, '') || '/';
  // Deleting a parent folder deletes what was created in it; deleting something inside a copied folder deletes part of it.
  return c === d || c.startsWith(`${d}/`) || (created.endsWith('/**') && d.startsWith(`${c}/`)) || d.startsWith(`${c}/`);
}
