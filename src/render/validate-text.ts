import type { ChalkInstance } from 'chalk';
import type { ValidateResult } from '../commands/validate.js';
import type { ContentIssue } from '../content/types.js';
import { formatLocation } from '../errors.js';

/** Every problem at its place with what to write instead; each file's expected form once, after its problems. */
export function validateText(r: ValidateResult, c: ChalkInstance): string {
  if (!r.issues.length) return `${c.green('✓')} ${r.dir}: ${r.labs} labs, ${r.checks} checks, no problems\n`;
  const out: string[] = [];
  r.issues.forEach((i, n) => {
    out.push(`${c.red('✗')} ${formatLocation(i.location)}: ${i.message} ${c.dim(`[${i.code}]`)}`);
    if (i.suggestion) out.push(...i.suggestion.split('\n').map((l) => `    ${c.cyan('→')} ${l}`));
    const next = r.issues[n + 1];
    const lastOfFile = !next || next.location.file !== i.location.file;
    const example = r.issues.find((o) => o.location.file === i.location.file && o.example)?.example;
    if (lastOfFile && example) out.push(c.dim(`    the form of this file:\n${example.replace(/^/gm, '      ')}`));
  });
  return `${out.join('\n')}\n\n${r.issues.length} problem${r.issues.length === 1 ? '' : 's'} in ${r.dir}\n`;
}

/** The JSON contract of `dojo validate --format json` (README). */
export const validateJson = (r: ValidateResult) => ({
  dir: r.dir,
  labs: r.labs,
  checks: r.checks,
  ok: r.issues.length === 0,
  issues: r.issues.map((i: ContentIssue) => ({
    code: i.code,
    file: i.location.file,
    line: i.location.line ?? null,
    column: i.location.column ?? null,
    message: i.message,
    suggestion: i.suggestion ?? null,
    example: i.example ?? null,
  })),
});
