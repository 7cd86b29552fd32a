import type { Owner } from '../facts/archive.js';

const TRIPLET = (bits: number) => `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;

/** Which permission triplet applies to a process, as the kernel picks it: owner, then any of its groups, then others. */
export function writeBits(uid: number, gid: number | null, groups: number[], owner: Owner): { mode: number; via: 'owner' | 'group' | 'other'; triplet: string } {
  if (uid === 0) return { mode: 0o7, via: 'owner', triplet: 'rwx (root)' };
  const pick = (via: 'owner' | 'group' | 'other', shift: number) => ({ mode: (owner.mode >> shift) & 0o7, via, triplet: TRIPLET((owner.mode >> shift) & 0o7) });
  if (uid === owner.uid) return pick('owner', 6);
  if (gid === owner.gid || groups.includes(owner.gid)) return pick('group', 3);
  return pick('other', 0);
}
