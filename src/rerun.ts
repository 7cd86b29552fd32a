import { isAbsolute, relative, resolve } from 'node:path';
import { quote } from 'shell-quote';
import { builtinCourseDir, type GlobalOptions } from './context.js';

/**
 * A dojo command line a student can paste as it is: with `--course` when the run used a course
 * other than the built-in one, and `-w` when the workspace is not where the command is run from
 * (nor found above it). Paths under the current folder are written relative to it.
 */
export function dojoCommand(g: Pick<GlobalOptions, 'course' | 'workspace' | 'workspaceFoundAbove'>, args: string[], cwd = process.cwd()): string {
  const extra: string[] = [];
  if (resolve(g.course) !== resolve(builtinCourseDir())) extra.push('--course', shown(g.course, cwd));
  if (!g.workspaceFoundAbove && resolve(g.workspace) !== resolve(cwd)) extra.push('-w', shown(g.workspace, cwd));
  return quote(['dojo', ...args, ...extra]);
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
