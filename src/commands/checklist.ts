import type { GlobalOptions } from '../context.js';
import { DojoError, ExitCode } from '../errors.js';

/** The module's exit gate is its own issue; the command name is reserved so scripts can rely on it. */
export async function checklist(_g: GlobalOptions): Promise<never> {
  throw new DojoError({
    code: 'E_NOT_AVAILABLE',
    message: 'dojo checklist (the module exit gate) is not available in this version yet.',
    suggestion: 'Run `dojo check <lab>` for each lab meanwhile; `dojo list` shows where you stand.',
    exitCode: ExitCode.badInput,
  });
}
