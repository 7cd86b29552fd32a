import type { GlobalOptions } from '../context.js';
import { DojoError } from '../errors.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { courseKey } from '../state/course-key.js';
import { readState, writeState } from '../state/store.js';
import { openCourse, requireLab } from './shared.js';

export interface ResetResult {
  type: 'reset';
  reset: string[];
  /** Break-fix scenario objects removed from the engine (`dojo lab start` created them). */
  removed: string[];
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
  const ok = opts.yes || (g.interactive && opts.confirm && (await opts.confirm(`Forget ${what}: attempts, hints seen and answers revealed (and remove its break-fix scenarios from the engine)?`)));
  if (!ok) {
    throw new DojoError({
      code: 'E_RESET_NOT_CONFIRMED',
      message: `Nothing was reset: forgetting ${what} needs confirmation.`,
      suggestion: g.interactive ? 'Answer yes at the prompt.' : 'Without a terminal, confirm with --yes.',
    });
  }
  const { state, progress, notices } = await readState(g.workspace, courseKey(course.dir));
  const removed: string[] = [];
  for (const id of labs) {
    const recorded = progress.labs[id]?.scenarioObjects ?? [];
    // Loaded only here: most resets never touch the engine.
    const scenarios = recorded.length || hasScenarios(course.dir, id) ? await import('../scenarios/reset.js') : null;
    const outcome = scenarios ? await scenarios.resetScenarios(course.dir, id, g.workspace, recorded, notices) : { removed: [], keep: [] };
    removed.push(...outcome.removed);
    delete progress.labs[id];
    if (outcome.keep.length) progress.labs[id] = { exercises: {}, scenarioObjects: outcome.keep };
  }
  writeState(g.workspace, state);
  return { type: 'reset', reset: labs, removed, notices };
}

const hasScenarios = (courseDir: string, lab: string) => existsSync(join(courseDir, 'scenarios', `${lab}.yaml`));
