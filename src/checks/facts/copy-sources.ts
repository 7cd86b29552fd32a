import type { DfInstruction } from '../facts/dockerfile-model.js';
import { isManifest } from '../facts/manifests.js';

/** Sources and destination of a COPY/ADD, in either form. */
export function copyArgs(i: DfInstruction): { sources: string[]; dest: string } {
  const words = i.json ?? i.text.split(/\s+/).filter((w) => w && !w.startsWith('<<'));
  return { sources: words.slice(0, -1), dest: words[words.length - 1] ?? '' };
}

/** A COPY from the build context that brings in more than dependency manifests. */
export function isBroadCopy(i: DfInstruction): boolean {
  if ((i.keyword !== 'COPY' && i.keyword !== 'ADD') || i.flags.from !== undefined) return false;
  const { sources } = copyArgs(i);
  return sources.some((s) => !isManifest(s.replace(/\*$/, '')));
}

export function isManifestCopy(i: DfInstruction): boolean {
  if ((i.keyword !== 'COPY' && i.keyword !== 'ADD') || i.flags.from !== undefined) return false;
  const { sources } = copyArgs(i);
  return sources.length > 0 && sources.every((s) => isManifest(s.replace(/\*$/, '')));
}
