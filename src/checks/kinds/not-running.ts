import type { ContainerFacts } from '../facts/runtime-model.js';
import { error, type Finding } from '../types.js';

/** "exited 0 at 2026-11-23 06:40:12 UTC", or the engine's reason when it never started. */
export const stoppedState = (c: ContainerFacts): string => {
  const when = c.finishedAt ? ` at ${c.finishedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}` : '';
  const why = c.stateError ? `; the engine said: ${c.stateError}` : '';
  return c.status === 'created' ? `created, never started${why}` : `${c.status} ${c.exitCode}${when}${why}`;
};

/**
 * A stopped container cannot answer a network or port question, so the rule does not judge it: an
 * `error` (not a counted attempt) that says so and how to start it again.
 */
export function notRunning(c: ContainerFacts, service: string): Finding {
  return error(`${c.name} is not running (${stoppedState(c)})`, [
    `${service} must be running for this check: \`docker start ${c.name}\`, then \`docker logs ${c.name}\` if it stops again`,
  ]);
}
