import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Course, Lab } from './types.js';

/**
 * The built-in course, validated at build time (`dist/course.json`), so `dojo hint` starts without
 * loading the YAML, front-matter and schema libraries. It is used only while every content file
 * still has the content it had then; any edit falls back to the full three-step load. A file whose
 * size and mtime are unchanged is taken as unchanged without reading it (the start-up of every
 * command pays for this); otherwise its hash decides (an npm install gives every file a new mtime).
 */
export interface CourseCache {
  /** Per content file: [size, mtime in ms, sha1 of the content]. */
  fingerprint: Record<string, [number, number, string]>;
  labs: (Omit<Lab, 'checkLocations'> & { checkLocations: [string, Lab['checkLocations'] extends Map<string, infer L> ? L : never][] })[];
}

export const CACHE_FILE = 'course.json';
const CONTENT_DIRS = ['labs', 'hints', 'checks'];

const contentFiles = (dir: string): string[] =>
  CONTENT_DIRS.flatMap((sub) => (existsSync(join(dir, sub)) ? readdirSync(join(dir, sub)).map((name) => `${sub}/${name}`) : [])).sort();

// node:crypto is loaded only when a file must be hashed: on the fast path (size and mtime as
// recorded) the start-up of `dojo hint` does not pay for it.
const sha1 = (file: string): string => {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return createHash('sha1').update(readFileSync(file)).digest('hex');
};

export function fingerprint(dir: string): CourseCache['fingerprint'] {
  return Object.fromEntries(contentFiles(dir).map((f) => {
    const st = statSync(join(dir, f));
    return [f, [st.size, Math.round(st.mtimeMs), sha1(join(dir, f))]];
  }));
}

/** Every content file is the one the cache was made from: same names, and same size+mtime or same hash. */
function unchanged(dir: string, recorded: CourseCache['fingerprint']): boolean {
  const files = contentFiles(dir);
  if (files.join('\n') !== Object.keys(recorded).sort().join('\n')) return false;
  return files.every((f) => {
    const [size, mtime, hash] = recorded[f]!;
    const st = statSync(join(dir, f));
    return (st.size === size && Math.round(st.mtimeMs) === mtime) || (st.size === size && sha1(join(dir, f)) === hash);
  });
}

export function readCourseCache(courseDir: string, cacheFile: string): Course | undefined {
  if (!existsSync(cacheFile)) return undefined;
  try {
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as CourseCache;
    if (!unchanged(courseDir, cache.fingerprint)) return undefined;
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
