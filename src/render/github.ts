import type { GradeRun } from '../grading/grade.js';
import { runStatus, totals } from './report-json.js';
import { findingPlace } from './sarif.js';

// Workflow commands: data escapes %, CR and LF; property values also : and , (as the runner's toolkit does).
const escData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProp = (s: string) => escData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * `::error` for each failed check with a place in the student's files (`::warning` for one dojo
 * could not evaluate), so GitHub shows it on the Dockerfile or compose line, or on the file a
 * runtime finding stems from (the same place as in SARIF). Printed only under GitHub Actions.
 */
export function annotations(run: GradeRun): string {
  return run.labs.flatMap((l) => l.checks
    .filter((c) => (c.status === 'fail' || c.status === 'error') && findingPlace(c))
    .map((c) => {
      const loc = findingPlace(c)!;
      const props = [`file=${escProp(loc.file)}`, ...(loc.line ? [`line=${loc.line}`] : []), ...(loc.column ? [`col=${loc.column}`] : []), `title=${escProp(`dojo ${l.lab} ${c.id}: ${c.title}`)}`];
      const message = [c.summary, ...c.evidence, ...(c.question ? [`Question: ${c.question}`] : [])].join('\n');
      return `::${c.status === 'fail' ? 'error' : 'warning'} ${props.join(',')}::${escData(message)}\n`;
    })).join('');
}

const where = (loc: { file: string; line?: number } | null) => (loc ? ` — \`${loc.file}${loc.line ? `:${loc.line}` : ''}\`` : '');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown appended to $GITHUB_STEP_SUMMARY: a row per lab, then what failed and where. */
export function stepSummary(run: GradeRun, title: string, verdict = { status: runStatus(run.labs), exitCode: run.exitCode }): string {
  const { status } = verdict;
  const icon = { passed: '✅', failed: '❌', incomplete: '⚠️' }[status];
  const rows = run.labs.map((l) => {
    const t = totals([l]);
    return `| ${l.lab} | ${l.status} | ${t.pass} | ${t.fail} | ${t.error} | ${t.skip} |`;
  });
  const open = run.labs.flatMap((l) => l.checks.filter((c) => c.status === 'fail' || c.status === 'error').map((c) =>
    `- **${l.lab} ${c.id}** (${c.status}): ${cell(c.summary)}${where(findingPlace(c))}`));
  const ungraded = run.labs.flatMap((l) => l.ungraded.map((id) => `- **${l.lab} ${id}**: not graded (needs a terminal or \`--answers\`)`));
  return [
    `## ${icon} ${title}: ${status} (${cell(run.subject)})`,
    '',
    '| lab | status | passed | failed | error | skipped |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...rows,
    ...(open.length || ungraded.length ? ['', ...open, ...ungraded] : []),
    '',
    `<sub>dojo ${run.dojoVersion} · course ${run.course.id} ${run.course.hash} · exit code ${verdict.exitCode}</sub>`,
    '',
  ].join('\n');
}
