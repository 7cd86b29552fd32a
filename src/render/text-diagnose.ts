import type { ChalkInstance } from 'chalk';
import type { DiagnoseResult } from '../commands/diagnose.js';

const MARK = { error: '✗', warning: '!', note: '·' } as const;

export function diagnoseText(r: DiagnoseResult, c: ChalkInstance): string {
  const paint = { error: c.red, warning: c.yellow, note: c.dim } as const;
  const lines = [c.bold(`${r.container}`) + c.dim(`  (${r.id}, image ${r.image})`)];
  const problems = r.findings.filter((f) => f.severity !== 'note');
  if (!problems.length) {
    lines.push(`  ${c.green('✓')} nothing wrong found`);
    for (const l of r.looked) lines.push(c.dim(`      ${l}`));
  }
  const asked = new Set<string>();
  for (const f of r.findings) {
    lines.push(`  ${paint[f.severity](MARK[f.severity])} ${f.rule}  ${f.severity === 'note' ? f.summary : paint[f.severity](f.summary)}`);
    for (const e of f.evidence) lines.push(c.dim(`      ${e}`));
    if (f.question && !asked.has(f.question)) lines.push(`      ${c.cyan('?')} ${f.question}`);
    if (f.question) asked.add(f.question);
  }
  return lines.join('\n') + '\n';
}
