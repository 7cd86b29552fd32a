import type { ChalkInstance } from 'chalk';
import type { ChecklistResult } from '../commands/checklist.js';
import type { ExtraCase } from './junit.js';
import { runJson, runStatus } from './report-json.js';

const OPEN = { fail: 'failed', error: 'could not check', ungraded: 'not graded', skip: 'not judged' } as const;

/** One box per exercise (its checks, live) and one per validation question, then the verdict and what is left. */
export function checklistText(r: ChecklistResult, c: ChalkInstance): string {
  const box = (ticked: boolean) => (ticked ? c.green('[x]') : c.red('[ ]'));
  const lines = [c.bold('dojo checklist · the module exit gate') + c.dim(`  (workspace ${r.run.workspace})`)];
  for (const lab of r.run.labs) {
    lines.push('', c.bold(`${lab.lab} · ${lab.title}`));
    for (const ex of r.exercises.filter((b) => b.lab === lab.lab)) {
      lines.push(`  ${box(ex.ticked)} ${ex.exercise}  ${ex.title}${ex.ticked ? c.dim('  (checks pass)') : ''}`);
      for (const o of ex.open) lines.push(c.dim(`        ${OPEN[o.status]}: ${o.id}: ${o.summary}`));
      for (const v of r.validation.filter((q) => q.lab === lab.lab && q.exercise === ex.exercise)) {
        const mark = v.state === 'not-asked' ? c.dim('[-]') : box(v.ticked);
        lines.push(`      ${mark} ${v.question}`);
        if (v.answer) lines.push(c.dim(`          your answer: ${v.answer.replace(/\s+/g, ' ')}`));
      }
    }
  }
  const all = [...r.exercises.map((b) => b.ticked), ...(r.validationJudged ? r.validation.map((v) => v.ticked) : [])];
  const done = all.filter(Boolean).length;
  lines.push('');
  if (r.validationNote) lines.push(c.yellow(`Note: ${r.validationNote}.`));
  lines.push(r.ready
    ? `${c.green('READY')} for the next module: ${done} of ${all.length} boxes ticked.`
    : `${c.red('NOT READY')} for the next module: ${done} of ${all.length} boxes ticked. Left to do:`);
  for (const l of r.left) lines.push(`  - ${l}`);
  return lines.join('\n') + '\n';
}

/** The gate's verdict over the labs' own: a box left open (a check not judged) keeps a passed run incomplete. */
export function checklistVerdict(r: ChecklistResult): { status: 'passed' | 'failed' | 'incomplete'; exitCode: number } {
  const status = runStatus(r.run.labs);
  return { status: status === 'passed' && !r.ready ? 'incomplete' : status, exitCode: r.exitCode };
}

export function checklistJson(r: ChecklistResult): unknown {
  const verdict = checklistVerdict(r);
  return runJson('checklist', r.run, {
    status: verdict.status,
    passed: verdict.status === 'passed',
    exitCode: verdict.exitCode,
    checklist: {
      ready: r.ready,
      validationJudged: r.validationJudged,
      note: r.validationNote,
      exercises: r.exercises,
      validation: r.validation,
      left: r.left,
    },
  });
}

/** The validation boxes as JUnit testcases: open ones fail, unasked ones are skipped with the reason. */
export function checklistExtraCases(r: ChecklistResult): ExtraCase[] {
  return r.validation.map((v, i) => {
    const name = `${v.lab} ${v.exercise} question ${1 + r.validation.slice(0, i).filter((x) => x.lab === v.lab && x.exercise === v.exercise).length}`;
    const base = { classname: `${v.lab}.${v.exercise}.validation`, name };
    if (v.state === 'not-asked') return { ...base, skipped: `${r.validationNote ?? 'not asked'}: ${v.question}` };
    if (v.ticked) return base;
    return { ...base, failure: { type: 'validation', message: `not answered yet: ${v.question}`, body: v.question } };
  });
}
