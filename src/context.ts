import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { usageError } from './errors.js';

export type Format = 'text' | 'json' | 'junit';

/** Global options every command receives, already resolved. */
export interface GlobalOptions {
  workspace: string;
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
  return {
    workspace: resolve(raw.workspace ?? process.cwd()),
    course: resolve(raw.course ?? builtinCourseDir()),
    format,
    ci,
    color,
    interactive: !ci && format === 'text' && Boolean(process.stdout.isTTY),
  };
}
