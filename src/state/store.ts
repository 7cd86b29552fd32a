import { copyFileSync, constants, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DojoError } from '../errors.js';
import { parseState } from './parse.js';
import { courseState, emptyState, type CourseState, type State } from './types.js';

export interface LoadedState {
  /** The whole file, for writeState. */
  state: State;
  /** The progress of the course this run uses (inside `state`: changing it changes what is written). */
  progress: CourseState;
  notices: string[];
}

export const statePath = (workspace: string) => join(workspace, '.dojo', 'state.json');

/**
 * Reads the progress file, and picks out the progress of one course (by its key, see course-key.ts). An older version is upgraded and saved (its original kept beside it);
 * a corrupt, ill-typed or newer one is moved aside (never overwritten) and reported.
 */
export async function readState(workspace: string, course: string): Promise<LoadedState> {
  const loaded = await readWholeState(workspace);
  return { ...loaded, progress: courseState(loaded.state, course) };
}

async function readWholeState(workspace: string): Promise<Omit<LoadedState, 'progress'>> {
  const file = statePath(workspace);
  if (!existsSync(file)) return { state: emptyState(), notices: [] };
  const parsed = await parseState(readFileSync(file, 'utf8'));
  if (!parsed.ok) {
    const aside = `${file}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
    renameSync(file, aside);
    return {
      state: emptyState(),
      notices: [`Your progress file ${file} ${parsed.problem}; it was moved to ${aside} and dojo started a fresh one.`],
    };
  }
  const notices: string[] = [];
  if (parsed.upgradedFrom !== null) {
    try {
      keepOriginal(file, parsed.upgradedFrom);
      writeState(workspace, parsed.state);
    } catch (err) {
      // A read-only workspace can still be listed; the upgrade is redone on the next read.
      notices.push(`Your progress file ${file} was upgraded in memory but not saved: ${(err as Error).message}`);
    }
  }
  return { state: parsed.state, notices };
}

/** The file as the older dojo wrote it, so going back to that dojo loses nothing; kept once. */
function keepOriginal(file: string, version: number): void {
  try {
    copyFileSync(file, `${file}.v${version}.bak`, constants.COPYFILE_EXCL);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** Atomic: write a temp file beside it, then rename over the old one. */
export function writeState(workspace: string, state: State): void {
  const file = statePath(workspace);
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
    renameSync(tmp, file);
  } catch (err) {
    throw new DojoError({
      code: 'E_STATE_WRITE',
      message: `cannot save progress to ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      suggestion: 'Check that the workspace folder is writable.',
    });
  }
}
