import type { DfInstruction } from './dockerfile-model.js';
import { isManifestSource, isSourceCopy } from './manifests.js';

const REMOTE = /^(https?|git|ssh):\/\/|^git@/;

/** Sources and destination of a COPY/ADD, in either form; here-documents and URLs are not sources from the context. */
export function copyArgs(i: DfInstruction): { sources: string[]; dest: string; heredocs: string[]; remote: string[] } {
  const firstLine = i.heredocs.length ? i.text.split('\n')[0]! : i.text;
  const all = i.json ?? firstLine.split(/\s+/).filter(Boolean);
  const dest = all[all.length - 1] ?? '';
  const rest = all.slice(0, -1);
  return {
    sources: rest.filter((s) => !s.startsWith('<<') && !REMOTE.test(s)),
    dest,
    heredocs: rest.filter((s) => s.startsWith('<<')),
    remote: rest.filter((s) => REMOTE.test(s)),
  };
}

/** A COPY/ADD from the build context (not --from another stage or image, not a here-document or URL). */
export const isContextCopy = (i: DfInstruction): boolean =>
  (i.keyword === 'COPY' || i.keyword === 'ADD') && i.flags.from === undefined && copyArgs(i).sources.length > 0;

/** A context copy that brings in the service's code, not just dependency metadata or a config file. */
export const isBroadCopy = (i: DfInstruction): boolean => isContextCopy(i) && copyArgs(i).sources.some(isSourceCopy);

export const isManifestCopy = (i: DfInstruction): boolean =>
  isContextCopy(i) && copyArgs(i).sources.every(isManifestSource);
