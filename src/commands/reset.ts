import type { GlobalOptions } from '../context.js';
import { DojoError } from '../errors.js';
import { readState, writeState } from '../state/store.js';
import { openCourse, requireLab } from './shared.js';

export interface ResetResult {
  type: 'reset';
  reset: string[];
  notices: string[];
}

export interface ResetOptions {
  yes?: boolean;
  confirm?: (message: string) => Promise<boolean>;
}

export async function reset(g: GlobalOptions, labId: string | undefined, opts: ResetOptions): Promise<ResetResult> {
  const course = (await openCourse(g));
  const labs = labId ? [requireLab(course, labId).meta.id] : course.labs.map((l) => l.meta.id);
  const what = labId ? `your progress on ${labs[0]}` : 'all your progress (every lab)';
  const ok = opts.yes || (g.interactive && opts.confirm && (await opts.confirm(`Forget ${what}: attempts, hints seen and answers revealed?`)));
  if (!ok) {
    throw new DojoError({
      code: 'E_RESET_NOT_CONFIRMED',
      message: `Nothing was reset: forgetting ${what} needs confirmation.`,
      suggestion: g.interactive ? 'Answer yes at the prompt.' : 'Without a terminal, confirm with --yes.',
    });
  }
  const { state, notices } = readState(g.workspace);
  for (const id of labs) delete state.labs[id];
  writeState(g.workspace, state);
  return { type: 'reset', reset: labs, notices };
}
