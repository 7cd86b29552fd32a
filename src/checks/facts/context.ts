import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface ContextFacts {
  dir: string;
  exists: boolean;
  dockerignore: { path: string; exists: boolean; lines: string[] };
  /** Paths relative to the context, `/`-separated; `.git` counted but not walked. */
  files: string[];
  truncated: boolean;
}

const MAX_FILES = 20_000;

export function readContext(dir: string): ContextFacts {
  const path = join(dir, '.dockerignore');
  const exists = existsSync(dir) && statSync(dir).isDirectory();
  const ignoreExists = exists && existsSync(path);
  const files: string[] = [];
  let truncated = false;
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (files.length >= MAX_FILES) return void (truncated = true);
      const full = join(d, entry.name);
      const rel = relative(dir, full).split('\\').join('/');
      if (entry.isDirectory()) {
        if (entry.name === '.git' || entry.name === 'node_modules' || entry.name === '.dojo') files.push(`${rel}/`);
        else walk(full);
      } else files.push(rel);
    }
  };
  if (exists) walk(dir);
  return {
    dir,
    exists,
    dockerignore: { path, exists: ignoreExists, lines: ignoreExists ? readFileSync(path, 'utf8').split(/\r?\n/) : [] },
    files,
    truncated,
  };
}
