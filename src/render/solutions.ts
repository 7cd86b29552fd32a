import type { ChalkInstance } from 'chalk';
import type { SideResult, SolutionsResult } from '../commands/validate-solutions.js';

const WORD = { ok: 'ok', wrong: 'WRONG', error: 'could not judge', missing: 'none' } as const;

/** Per lab, the solution then the starter: each check that is not as it must be, with what it had to be. */
export function solutionsText(r: SolutionsResult, c: ChalkInstance): string {
  const paint = { ok: c.green, wrong: c.red, error: c.yellow, missing: c.dim } as const;
  const lines: string[] = [];
  for (const lab of r.labs) {
    lines.push(c.bold(lab.lab));
    for (const s of [lab.solution, lab.starter]) {
      const counts = s.checks.length ? c.dim(`  (${summary(s)})`) : '';
      lines.push(`  ${s.side.padEnd(8)} ${paint[s.status](WORD[s.status])}${counts}`);
      if (s.problem) lines.push(`      ${c.yellow('!')} ${s.problem}`);
      for (const n of s.notes) lines.push(c.dim(`      ${n}`));
      for (const k of s.checks.filter((k) => !k.ok)) lines.push(`      ${c.red('✗')} ${k.id}: ${k.status}, must ${k.expected === 'pass' ? 'pass' : 'fail'}: ${k.summary}`);
      // A skip is accepted on either side, and proves nothing: each is said, with its reason.
      for (const k of s.checks.filter((k) => k.ok && k.status === 'skip')) lines.push(c.dim(`      - ${k.id}: skipped, not proved (${k.summary})`));
    }
  }
  const all = r.labs.flatMap((l) => [l.solution, l.starter]);
  const n = (st: SideResult['status']) => all.filter((s) => s.status === st).length;
  const verdict = n('wrong') ? c.red('FAIL') : n('error') ? c.yellow('INCOMPLETE') : c.green('PASS');
  lines.push('', `${verdict} ${r.dir}: ${n('ok')} as they must be, ${n('wrong')} wrong, ${n('error')} could not be judged, ${n('missing')} not provided`);
  return lines.join('\n') + '\n';
}

function summary(s: SideResult): string {
  const by = (st: string) => s.checks.filter((k) => k.status === st).length;
  return ['pass', 'fail', 'error', 'skip'].filter((st) => by(st)).map((st) => `${by(st)} ${st}`).join(', ');
}

/** `dojo validate --solutions --format json` (README). */
export const solutionsJson = (r: SolutionsResult) => ({
  dir: r.dir,
  ok: r.exitCode === 0,
  labs: r.labs.map((l) => ({ lab: l.lab, solution: side(l.solution), starter: side(l.starter) })),
});

const side = (s: SideResult) => ({
  dir: s.dir, status: s.status, problem: s.problem, notes: s.notes,
  checks: s.checks.map((k) => ({ id: k.id, status: k.status, expected: k.expected, ok: k.ok, summary: k.summary })),
});
