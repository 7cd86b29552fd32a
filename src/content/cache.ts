import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Course, Lab } from './types.js';

/**
 * The built-in course, validated at build time (`dist/course.json`), so `dojo hint` starts without
 * loading the YAML, front-matter and schema libraries. It is used only while every content file
 * still has the content it had then (by hash: an npm install gives every file a new mtime); any edit
 * falls back to the full three-step load.
 */
export interface CourseCache {
  fingerprint: Record<string, string>;
  labs: (Omit<Lab, 'checkLocations'> & { checkLocations: [string, Lab['checkLocations'] extends Map<string, infer L> ? L : never][] })[];
}

export const CACHE_FILE = 'course.json';
const CONTENT_DIRS = ['labs', 'hints', 'checks'];

export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of CONTENT_DIRS) {
    const d = join(dir, sub);
    if (!existsSync(d)) continue;
    for (const name of readdirSync(d)) {
      out[`${sub}/${name}`] = createHash('sha1').update(readFileSync(join(d, name))).digest('hex');
    }
  }
  return out;
}

export function readCourseCache(courseDir: string, cacheFile: string): Course | undefined {
  if (!existsSync(cacheFile)) return undefined;
  try {
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as CourseCache;
    if (JSON.stringify(fingerprint(courseDir)) !== JSON.stringify(cache.fingerprint)) return undefined;
    return {
      dir: courseDir,
      labs: cache.labs.map((l) => ({ ...l, file: join(courseDir, l.file), checkLocations: new Map(l.checkLocations.map(([id, loc]) => [id, { ...loc, file: join(courseDir, loc.file) }])) })),
    };
  } catch {
    return undefined;
  }
}

export function toCache(course: Course): CourseCache {
  const rel = (f: string) => f.slice(course.dir.length).replace(/^[\\/]/, '');
  return {
    fingerprint: fingerprint(course.dir),
    labs: course.labs.map((l) => ({ ...l, file: rel(l.file), checkLocations: [...l.checkLocations].map(([id, loc]) => [id, { ...loc, file: rel(loc.file) }]) })),
  };
}
