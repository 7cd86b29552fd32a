import type Docker from 'dockerode';
import { labels, releaseInBackground, track } from './cleanup.js';

export interface TempContainer {
  created: Promise<Docker.Container>;
  /** Removes the container (once); cleanupAll() waits for it before the process exits. */
  release(): void;
}

/**
 * Creates a dojo-labelled container and registers its removal before the engine has answered, so
 * a Ctrl-C or a timeout while the create call is in flight still removes it once it exists.
 */
export function createTempContainer(docker: Docker, purpose: string, options: Docker.ContainerCreateOptions): TempContainer {
  const created = docker.createContainer({ ...options, Labels: { ...options.Labels, ...labels(purpose) } });
  created.catch(() => undefined); // a failed create is the caller's to report; here it only means nothing to remove
  const remove = track(`${purpose} container`, async () => {
    const container = await created.catch(() => null);
    await container?.remove({ force: true, v: true });
  });
  return { created, release: () => releaseInBackground(remove) };
}
