import { basename, resolve } from 'node:path';
import { builtinCourseDir } from '../context.js';

/** The course key of state v4 for the built-in course; progress from before v4 belongs to it. */
export const BUILTIN_COURSE_KEY = 'builtin';

/**
 * Which course a workspace's progress belongs to: `builtin` for the course dojo ships, else the
 * course folder's name (a pack moved to another folder keeps its progress; two packs with the same
 * folder name share it). Cheap on purpose: every command that reads progress asks for it.
 */
export function courseKey(courseDir: string): string {
  const dir = resolve(courseDir).replace(/[\\/]$/, '');
  return dir === resolve(builtinCourseDir()).replace(/[\\/]$/, '') ? BUILTIN_COURSE_KEY : basename(dir);
}
