import type { RunReport } from '../checks/runner.js';
import { ExitCode } from '../errors.js';

/**
 * One exit code for one or more labs, keeping "the student's work is wrong" apart from "dojo could
 * not look": a failed check wins over everything (1), so an unreachable engine cannot hide a real
 * failure; then an unreachable engine (3); then anything left unjudged (4: an error such as a
 * never-built image, or an ungraded quiz); 0 only when every check passed.
 */
export function gradeExitCode(reports: readonly Pick<RunReport, 'status'>[], engineUnreachable: boolean): number {
  if (reports.some((r) => r.status === 'failed')) return ExitCode.checkFailed;
  if (reports.some((r) => r.status === 'incomplete')) return engineUnreachable ? ExitCode.engineUnreachable : ExitCode.incomplete;
  return ExitCode.ok;
}
