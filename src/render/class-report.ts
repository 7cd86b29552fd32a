import type { ClassReportResult } from '../commands/report.js';

const mistakes = (row: { mistakes: { id: string; count: number }[] }, n = 3) => row.mistakes.slice(0, n).map((m) => `${m.id} (${m.count})`).join(', ');
const students = (n: number) => `${n} student${n === 1 ? '' : 's'}`;

export function classReportText(r: ClassReportResult): string {
  const lines = [`dojo report: ${students(r.reports.length)} (${r.reports.map((x) => x.subject).join(', ') || 'none'})`];
  for (const lab of r.labs) {
    lines.push('', `${lab.lab} · ${lab.title} · ${students(lab.students)}: ${lab.passed} passed, ${lab.failed} failed, ${lab.incomplete} incomplete`);
    const w = Math.max(5, ...lab.checks.map((c) => c.check.length));
    lines.push(`  ${'check'.padEnd(w)}  passed  failed  error  skipped  most common mistakes`);
    for (const c of lab.checks) {
      lines.push(`  ${c.check.padEnd(w)}  ${String(c.pass).padStart(6)}  ${String(c.fail).padStart(6)}  ${String(c.error).padStart(5)}  ${String(c.skip).padStart(7)}  ${mistakes(c) || '-'}`.trimEnd());
    }
  }
  if (r.skipped.length) lines.push('', `Skipped ${r.skipped.length} file${r.skipped.length === 1 ? '' : 's'}:`, ...r.skipped.map((s) => `  ${s.file}: ${s.reason}`));
  return lines.join('\n') + '\n';
}

const md = (s: string) => s.replace(/\|/g, '\\|');

export function classReportMarkdown(r: ClassReportResult): string {
  const lines = [`# dojo report: ${students(r.reports.length)}`, ''];
  for (const lab of r.labs) {
    lines.push(`## ${lab.lab} · ${md(lab.title)}`, '', `${students(lab.students)}: ${lab.passed} passed, ${lab.failed} failed, ${lab.incomplete} incomplete`, '');
    lines.push('| check | passed | failed | error | skipped | most common mistakes |', '| --- | ---: | ---: | ---: | ---: | --- |');
    for (const c of lab.checks) lines.push(`| ${md(c.check)} | ${c.pass} | ${c.fail} | ${c.error} | ${c.skip} | ${md(mistakes(c)) || '-'} |`);
    lines.push('');
  }
  if (r.skipped.length) lines.push('## Skipped files', '', ...r.skipped.map((s) => `- \`${md(s.file)}\`: ${md(s.reason)}`), '');
  return lines.join('\n');
}

const csv = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** One row per lab and check; skipped files are not rows (they are listed on stderr as notices). */
export function classReportCsv(r: ClassReportResult): string {
  const rows = [['lab', 'check', 'title', 'students', 'passed', 'failed', 'error', 'skipped', 'mistakes']];
  for (const lab of r.labs) {
    for (const c of lab.checks) rows.push([lab.lab, c.check, c.title, String(c.pass + c.fail + c.error + c.skip), String(c.pass), String(c.fail), String(c.error), String(c.skip), c.mistakes.map((m) => `${m.id}:${m.count}`).join(' ')]);
  }
  return rows.map((row) => row.map(csv).join(',')).join('\n') + '\n';
}
