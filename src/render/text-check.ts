import type { ChalkInstance } from 'chalk';
import type { RunReport } from '../checks/runner.js';
import type { CheckResult } from '../commands/check.js';
import type { GradeRun } from '../grading/grade.js';
import { runStatus, totals } from './report-json.js';

const MARK = { pass: '✓', fail: '✗', error: '!', skip: '-' } as const;

/** `hintCommand`: the `dojo hint` line for a lab, with the --course and -w this run used. */
export function checkText(r: CheckResult, c: ChalkInstance, hintCommand: (lab: string) => string = (lab) => `dojo hint ${lab}`): string {
  const labs = r.run.labs.map((lab) => labText(lab, c, hintCommand(lab.lab)));
  if (r.run.labs.length > 1) labs.push(runLine(r.run, c));
  return labs.join('\n\n') + '\n';
}

export function labText(rep: RunReport, c: ChalkInstance, hintCommand = `dojo hint ${rep.lab}`): string {
  const paint = { pass: c.green, fail: c.red, error: c.yellow, skip: c.dim } as const;
  const width = Math.max(...rep.checks.map((k) => k.id.length));
  const lines = [c.bold(`${rep.lab} · ${rep.title}`) + c.dim(`  (workspace ${rep.workspace})`)];
  let exercise = '';
  const asked = new Set<string>();
  for (const k of rep.checks) {
    if (k.exercise !== exercise) {
      exercise = k.exercise;
      lines.push(c.dim(`  exercise ${exercise}`));
    }
    lines.push(`  ${paint[k.status](MARK[k.status])} ${k.id.padEnd(width)}  ${k.status === 'pass' ? k.summary : paint[k.status](k.summary)}`);
    for (const e of k.evidence) lines.push(c.dim(`      ${e}`));
    // Two checks can point at one mistake: ask its question once.
    if (k.question && !asked.has(k.question)) lines.push(`      ${c.cyan('?')} ${k.question}`);
    if (k.question) asked.add(k.question);
  }
  const t = totals([rep]);
  const parts = [`${t.pass} passed`, `${t.fail} failed`];
  if (t.error) parts.push(`${t.error} could not be evaluated`);
  if (t.ungraded) parts.push(`${t.ungraded} not graded (${rep.ungraded.join(', ')}: needs a terminal or --answers)`);
  if (rep.unjudged.length) parts.push(`${rep.unjudged.length} not judged (${rep.unjudged.join(', ')}: see why above)`);
  const notSelected = t.skip - t.ungraded - rep.unjudged.length;
  if (notSelected) parts.push(`${notSelected} not selected`);
  const word = { passed: c.green('PASS'), failed: c.red('FAIL'), incomplete: c.yellow('INCOMPLETE') }[rep.status];
  // A run of one exercise that passes says nothing of the lab's other checks (a student walkthrough read "PASS lab-05" as the lab done).
  const scope = notSelected && rep.status === 'passed' ? ' (the selected checks; the lab passes when all of them do)' : '';
  lines.push('', `${word} ${rep.lab}${scope}: ${parts.join(', ')}`);
  if (t.fail) lines.push(c.dim(`Stuck? \`${hintCommand}\` asks you the next guiding question.`));
  return lines.join('\n');
}

function runLine(run: GradeRun, c: ChalkInstance): string {
  const by = (s: RunReport['status']) => run.labs.filter((l) => l.status === s).map((l) => l.lab);
  const status = runStatus(run.labs);
  const word = { passed: c.green('PASS'), failed: c.red('FAIL'), incomplete: c.yellow('INCOMPLETE') }[status];
  const parts = [`passed: ${by('passed').join(', ') || 'none'}`];
  if (by('failed').length) parts.push(`failed: ${by('failed').join(', ')}`);
  if (by('incomplete').length) parts.push(`incomplete: ${by('incomplete').join(', ')}`);
  return `${word} ${run.labs.length} labs (${parts.join('; ')}) in ${(run.durationMs / 1000).toFixed(1)} s`;
}
