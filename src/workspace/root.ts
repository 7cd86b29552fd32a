import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const MARKERS = ['dojo.yaml', 'compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/**
 * The workspace when no -w is given: the nearest folder, from `start` upwards, holding dojo.yaml or
 * a compose file, as Compose finds its file. Run from a service's folder, dojo then reads the
 * project's files and never writes .dojo/ into a build context (`COPY . .` would copy it).
 * `marker` is null when nothing was found and `start` itself is used.
 */
export function findWorkspaceRoot(start: string): { dir: string; marker: string | null } {
  for (let dir = start; ; dir = dirname(dir)) {
    const marker = MARKERS.find((m) => existsSync(join(dir, m)));
    if (marker) return { dir, marker };
    if (dirname(dir) === dir) return { dir: start, marker: null };
  }
}
