import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { builtinCourseDir } from '../context.js';

export interface CourseId {
  /** `builtin` for the course dojo ships, else the course folder's name. */
  id: string;
  /** sha256 (16 hex) of every labs/, hints/ and checks/ file: equal hashes = the same course content. */
  hash: string;
}

export function courseId(dir: string): CourseId {
  const h = createHash('sha256');
  for (const sub of ['labs', 'hints', 'checks']) {
    const d = join(dir, sub);
    if (!existsSync(d)) continue;
    for (const name of readdirSync(d).sort()) h.update(`${sub}/${name}\0`).update(readFileSync(join(d, name))).update('\0');
  }
  const builtin = dir.replace(/[\\/]$/, '') === builtinCourseDir().replace(/[\\/]$/, '');
  return { id: builtin ? 'builtin' : basename(dir), hash: h.digest('hex').slice(0, 16) };
}
