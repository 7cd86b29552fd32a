import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { findWorkspaceRoot } from './workspace/root.js';
import { usageError } from './errors.js';

export type Format = 'text' | 'json' | 'junit';

/** Global options every command receives, already resolved. */
export interface GlobalOptions {
  workspace: string;
  /** Set when no -w was given and the workspace was found above the current folder: what was found there. */
  workspaceFoundAbove?: string;
  course: string;
  format: Format;
  /** No prompts, no colors, no spinners. */
  ci: boolean;
  color: boolean;
  interactive: boolean;
}

export const builtinCourseDir = (): string => fileURLToPath(new URL('..', import.meta.url));

export function resolveGlobals(raw: { workspace?: string; course?: string; format?: string; ci?: boolean }): GlobalOptions {
  const format = (raw.format ?? 'text') as Format;
  if (!['text', 'json', 'junit'].includes(format)) {
    throw usageError(`unknown format "${raw.format}"`, 'Use --format text, json or junit.');
  }
  const ci = Boolean(raw.ci) || process.env.CI === 'true' || process.env.CI === '1' || !process.stdin.isTTY;
  const color = !ci && format === 'text' && Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.FORCE_COLOR !== '0';
  const found = raw.workspace === undefined ? findWorkspaceRoot(process.cwd()) : null;
  return {
    workspace: resolve(raw.workspace ?? found!.dir),
    ...(found?.marker && found.dir !== process.cwd() ? { workspaceFoundAbove: join(found.dir, found.marker) } : {}),
    course: resolve(raw.course ?? builtinCourseDir()),
    format,
    ci,
    color,
    interactive: !ci && format === 'text' && Boolean(process.stdout.isTTY),
  };
}
