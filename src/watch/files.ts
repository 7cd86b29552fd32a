import { existsSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { Workspace } from '../workspace.js';

/** `config`: dojo.yaml or a compose file the workspace does not know yet (load it again); `build`: a file checks read. */
export type FileChange = 'config' | 'build';

const COMPOSE = /^(docker-)?compose(\.[\w-]+)*\.ya?ml$/i;
const DOCKERFILE = /(^|\.)dockerfile(\.[\w-]+)?$/i;

/** What a saved file means to the watch session, or null for files no check reads. */
export function classifyFile(path: string, ws: Workspace): FileChange | null {
  const name = basename(path);
  if (path === join(ws.dir, 'dojo.yaml')) return 'config';
  if (Object.values(ws.services).some((s) => s.dockerfile === path)) return 'build';
  if (name === '.dockerignore' || name.endsWith('.dockerignore')) return 'build';
  if ([...ws.compose.files, ...(ws.compose.devFiles ?? [])].includes(path)) return 'build';
  // Compose reads .env beside the compose file for variable substitution.
  if (name === '.env' && dirname(path) === ws.dir) return 'build';
  if (COMPOSE.test(name) && dirname(path) === ws.dir) return 'config';
  return DOCKERFILE.test(name) ? 'build' : null;
}

/** The folders to watch (not recursively): the workspace and each service's context and Dockerfile folder. */
export function watchedDirs(ws: Workspace): string[] {
  const dirs = [ws.dir, ...Object.values(ws.services).flatMap((s) => [s.context, dirname(s.dockerfile)]), ...ws.compose.files.map(dirname)];
  return [...new Set(dirs)].filter((d) => existsSync(d)).sort();
}

export const relTo = (ws: Workspace, path: string): string => relative(ws.dir, path).split('\\').join('/') || path;

export interface FileWatcher {
  close(): Promise<void>;
  /** Watches the folders of a reloaded workspace too. */
  add(dirs: string[]): void;
  ready: Promise<void>;
}

/**
 * chokidar rather than fs.watch: editors save by writing a temp file and renaming it, and fs.watch
 * reports that differently per platform (or loses the watch on the replaced inode).
 */
export async function watchFiles(dirs: string[], onChange: (path: string) => void): Promise<FileWatcher> {
  const { watch } = await import('chokidar');
  const w = watch(dirs, { ignoreInitial: true, depth: 0, ignored: (p: string) => /[\\/](\.git|node_modules|\.dojo)([\\/]|$)/.test(p) });
  w.on('all', (event: string, path: string) => {
    if (event === 'add' || event === 'change' || event === 'unlink') onChange(path);
  });
  const ready = new Promise<void>((resolve) => w.once('ready', () => resolve()));
  return { close: () => w.close(), add: (more) => w.add(more), ready };
}
