import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DojoError } from '../errors.js';
import { STATE_VERSION, emptyState, type State } from './types.js';

export interface LoadedState {
  state: State;
  notices: string[];
}

export const statePath = (workspace: string) => join(workspace, '.dojo', 'state.json');

/** Reads the progress file; a corrupt or newer one is moved aside (never overwritten) and reported. */
export function readState(workspace: string): LoadedState {
  const file = statePath(workspace);
  if (!existsSync(file)) return { state: emptyState(), notices: [] };
  let problem: string;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<State>;
    if (data && typeof data === 'object' && data.version === STATE_VERSION && typeof data.labs === 'object' && data.labs) {
      return { state: data as State, notices: [] };
    }
    problem =
      typeof data?.version === 'number' && data.version > STATE_VERSION
        ? `was written by a newer dojo (state version ${data.version}, this dojo reads ${STATE_VERSION})`
        : 'does not have the expected shape';
  } catch (err) {
    problem = `is not valid JSON (${(err as Error).message})`;
  }
  const aside = `${file}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
  renameSync(file, aside);
  return {
    state: emptyState(),
    notices: [`Your progress file ${file} ${problem}; it was moved to ${aside} and dojo started a fresh one.`],
  };
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
