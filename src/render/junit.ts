import type { RunReport } from '../checks/runner.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

/** One testsuite per lab, one testcase per check; `error` checks are JUnit errors, not failures. */
export function renderJunit(r: RunReport): string {
  const count = (s: string) => r.checks.filter((c) => c.status === s).length;
  const time = (ms: number) => (ms / 1000).toFixed(3);
  const cases = r.checks.map((c) => {
    const body = [c.summary, ...c.evidence, ...(c.question ? [`Question: ${c.question}`] : [])].join('\n');
    const inner =
      c.status === 'fail' ? `<failure message="${esc(c.summary)}" type="${esc(c.rule)}">${esc(body)}</failure>`
      : c.status === 'error' ? `<error message="${esc(c.summary)}" type="${esc(c.rule)}">${esc(body)}</error>`
      : c.status === 'skip' ? `<skipped message="${esc(c.summary)}"/>`
      : '';
    const where = c.location ? ` file="${esc(c.location.file)}"${c.location.line ? ` line="${c.location.line}"` : ''}` : '';
    return `    <testcase classname="${esc(`${r.lab}.${c.exercise}`)}" name="${esc(c.id)}"${where} time="${time(c.durationMs)}">${inner}</testcase>`;
  });
  const total = Math.max(0, ...r.checks.map((c) => c.durationMs));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="dojo" tests="${r.checks.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${count('skip')}">`,
    `  <testsuite name="${esc(r.lab)}" tests="${r.checks.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${count('skip')}" time="${time(total)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
