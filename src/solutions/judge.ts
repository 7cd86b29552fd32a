import type { CheckOutcome } from '../checks/runner.js';

export type Side = 'solution' | 'starter';

/** One check of one side: what it had to be, what it was, and whether that is right. */
export interface CheckVerdict {
  id: string;
  status: CheckOutcome['status'];
  /** `pass` on a solution; `fail` (fail or error) on a starter for the checks it must fail; `any` for the others. */
  expected: 'pass' | 'fail' | 'any';
  ok: boolean;
  summary: string;
}

/**
 * A solution must pass every check; a skip is accepted (and shown with its reason: a quiz nobody
 * answered, a scanner that is not installed) since it is no verdict. A starter must fail, or make
 * dojo unable to look (error), every check it declares (default: all); its other checks may do anything.
 */
export function judge(side: Side, checks: readonly CheckOutcome[], mustFail?: readonly string[]): CheckVerdict[] {
  return checks.map((c) => {
    const expected = side === 'solution' ? 'pass' : !mustFail || mustFail.includes(c.id) ? 'fail' : 'any';
    const ok = expected === 'any' ? true
      : expected === 'pass' ? c.status === 'pass' || c.status === 'skip'
      : c.status === 'fail' || c.status === 'error';
    return { id: c.id, status: c.status, expected, ok, summary: c.summary };
  });
}
