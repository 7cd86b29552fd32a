import type Docker from 'dockerode';
import { interrupted, labels, releaseInBackground, track } from './cleanup.js';

export interface TempContainer {
  created: Promise<Docker.Container>;
  /** Removes the container (once); cleanupAll() waits for it before the process exits. */
  release(): void;
}

const REMOVE_TRIES = 10;
const REMOVE_PAUSE_MS = 200;

/**
 * Creates a dojo-labelled container and registers its removal before the engine has answered, so
 * a Ctrl-C or a timeout while the create call is in flight still removes it once it exists.
 * Once interrupted, nothing new is created: the cleanup may already have run, and a fact that does
 * not hear the abort would otherwise leave a container behind when the process exits.
 */
export function createTempContainer(docker: Docker, purpose: string, options: Docker.ContainerCreateOptions): TempContainer {
  const created = interrupted() !== null
    ? Promise.reject(new Error('interrupted: no throwaway container is created any more'))
    : docker.createContainer({ ...options, Labels: { ...options.Labels, ...labels(purpose) } });
  created.catch(() => undefined); // a failed create is the caller's to report; here it only means nothing to remove
  const remove = track(`${purpose} container`, async () => {
    const container = await created.catch(() => null);
    if (container) await removeForSure(container);
  });
  return { created, release: () => releaseInBackground(remove) };
}

/** A container still starting can refuse removal (409) for a moment; only "no such container" ends it. */
async function removeForSure(container: Docker.Container): Promise<void> {
  for (let i = 0; i < REMOVE_TRIES; i++) {
    try {
      await container.remove({ force: true, v: true });
      return;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return;
      await new Promise((r) => setTimeout(r, REMOVE_PAUSE_MS));
    }
  }
}
