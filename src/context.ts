import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { findWorkspaceRoot } from './workspace/root.js';
import { usageError } from './errors.js';

export type Format = 'text' | 'json' | 'junit' | 'sarif' | 'markdown' | 'csv';
export const FORMATS: readonly Format[] = ['text', 'json', 'junit', 'sarif', 'markdown', 'csv'];

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
  /** `--output <file>`: the report in --format goes there, the terminal gets text. */
  output?: string;
  /** False under an explicit `--ci` or `--no-state`: the student's progress file is neither read nor written. */
  recordState: boolean;
}

export const builtinCourseDir = (): string => fileURLToPath(new URL('..', import.meta.url));

export function resolveGlobals(raw: { workspace?: string; course?: string; format?: string; ci?: boolean; output?: string; state?: boolean }): GlobalOptions {
  const format = (raw.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) {
    throw usageError(`unknown format "${raw.format}"`, `Use --format ${FORMATS.join(', ')}.`);
  }
  const ci = Boolean(raw.ci) || process.env.CI === 'true' || process.env.CI === '1' || !process.stdin.isTTY;
  const color = !ci && (format === 'text' || raw.output !== undefined) && Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined && process.env.FORCE_COLOR !== '0';
  const found = raw.workspace === undefined ? findWorkspaceRoot(process.cwd()) : null;
  return {
    workspace: resolve(raw.workspace ?? found!.dir),
    ...(found?.marker && found.dir !== process.cwd() ? { workspaceFoundAbove: join(found.dir, found.marker) } : {}),
    course: resolve(raw.course ?? builtinCourseDir()),
    format,
    ci,
    color,
    // With --output the report goes to a file and the terminal still gets text (and prompts).
    interactive: !ci && (format === 'text' || raw.output !== undefined) && Boolean(process.stdout.isTTY),
    ...(raw.output !== undefined ? { output: resolve(raw.output) } : {}),
    // Only an explicit --ci: CI=true alone (a student's own CI, a pipe) keeps recording as before.
    recordState: !raw.ci && raw.state !== false,
  };
}
