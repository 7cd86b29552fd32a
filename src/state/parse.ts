import { migrate, UnknownVersion } from './migrations.js';
import { validate as fitsSchema } from './state-check.generated.js';
import { STATE_VERSION, type State } from './types.js';

export type ParsedState =
  | { ok: true; state: State; upgradedFrom: number | null }
  | { ok: false; problem: string };

/**
 * The text of a progress file → the current state (older versions migrated), or what is wrong with it.
 * A file that fits the schema exactly passes the generated check; zod (~8 ms to load) is imported
 * only for one that does not, to strip unknown keys or say what is wrong, as it always did.
 */
export async function parseState(text: string): Promise<ParsedState> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `is not valid JSON (${(err as Error).message})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, problem: 'does not have the expected shape (not an object)' };
  const version = (data as { version?: unknown }).version;
  if (typeof version !== 'number') return { ok: false, problem: 'does not have the expected shape (no state version)' };
  if (version > STATE_VERSION) {
    return { ok: false, problem: `was written by a newer dojo (state version ${version}, this dojo reads ${STATE_VERSION})` };
  }
  let current: unknown = data;
  try {
    current = migrate({ ...(data as Record<string, unknown>), version });
  } catch (err) {
    if (err instanceof UnknownVersion) return { ok: false, problem: err.message };
    return { ok: false, problem: `could not be upgraded from state version ${version} (${(err as Error).message})` };
  }
  const upgradedFrom = version < STATE_VERSION ? version : null;
  if (fitsSchema(current)) return { ok: true, state: current as State, upgradedFrom };
  const { describeIssues, stateSchema } = await import('./schema.js');
  const checked = stateSchema.safeParse(current);
  if (!checked.success) {
    const upgraded = version < STATE_VERSION ? ` after upgrading it from state version ${version}` : '';
    return { ok: false, problem: `does not have the expected shape${upgraded}: ${describeIssues(checked.error.issues, current)}` };
  }
  return { ok: true, state: checked.data as State, upgradedFrom };
}
