import { posix } from 'node:path';
import type { DfInstruction } from '../facts/dockerfile-model.js';
import { copyArgs } from './copy-sources.js';

/** What an instruction leaves behind that is commonly deleted later: caches, downloads, copied archives. */
export function createdPaths(i: DfInstruction, workdir: string): string[] {
  if (i.keyword === 'COPY' || i.keyword === 'ADD') {
    const { sources, dest } = copyArgs(i);
    const abs = posix.resolve(workdir, dest);
    return dest.endsWith('/') && sources.length === 1 ? [posix.join(abs, posix.basename(sources[0]!))] : [abs];
  }
  if (i.keyword !== 'RUN') return [];
  const cmd = i.json ? i.json.join(' ') : i.text;
  const out: string[] = [];
  if (/\bapt-get (update|install)\b|\bapt (update|install)\b/.test(cmd)) out.push('/var/lib/apt/lists', '/var/cache/apt');
  if (/\bapk (add|update)\b/.test(cmd) && !/--no-cache/.test(cmd)) out.push('/var/cache/apk');
  if (/\b(yum|dnf) install\b/.test(cmd)) out.push('/var/cache/yum', '/var/cache/dnf');
  if (/\bpip3? install\b/.test(cmd) && !/--no-cache-dir/.test(cmd)) out.push('/root/.cache/pip');
  for (const m of cmd.matchAll(/(?:\s-o|\s-O|--output(?:-document)?)[\s=]+(\S+)/g)) out.push(posix.resolve(workdir, m[1]!));
  return out;
}

/** What a RUN deletes: `rm` operands and the well-known cache-cleaning commands. */
export function deletedPaths(i: DfInstruction, workdir: string): string[] {
  if (i.keyword !== 'RUN') return [];
  const cmd = i.json ? i.json.join(' ') : i.text;
  const out: string[] = [];
  for (const segment of cmd.split(/&&|;|\|\|/)) {
    const words = segment.trim().split(/\s+/);
    if (words[0] === 'rm') out.push(...words.slice(1).filter((w) => !w.startsWith('-')).map((w) => posix.resolve(workdir, w)));
  }
  if (/\bapt-get clean\b/.test(cmd)) out.push('/var/cache/apt');
  if (/\b(yum|dnf) clean\b/.test(cmd)) out.push('/var/cache/yum', '/var/cache/dnf');
  if (/\bapk cache clean\b/.test(cmd)) out.push('/var/cache/apk');
  if (/\bpip3? cache purge\b/.test(cmd)) out.push('/root/.cache/pip');
  return out;
}

/** True when deleting `deleted` removes (part of) `created`; globs are cut at their first wildcard. */
export function overlaps(deleted: string, created: string): boolean {
  const star = deleted.search(/[*?[]/);
  const c = created.replace(/\/+$/, '');
  if (star >= 0) {
    const prefix = deleted.slice(0, star);
    return c.startsWith(prefix) || prefix.startsWith(`${c}/`);
  }
  const d = deleted.replace(/\/+$/, '') || '/';
  return c === d || c.startsWith(`${d}/`) || d.startsWith(`${c}/`);
}
