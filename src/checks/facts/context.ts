import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

export interface ContextFacts {
  dir: string;
  exists: boolean;
  /** The ignore file the builder reads: `<Dockerfile>.dockerignore` (BuildKit) when present, else the context's. */
  dockerignore: { path: string; exists: boolean; lines: string[]; dockerfileSpecific?: boolean };
  /**
   * Ignore files the builder does not read for this context, between it and the workspace root (and
   * beside the Dockerfile): a student who put one there believes it works.
   */
  strayIgnoreFiles?: string[];
  /** Paths relative to the context, `/`-separated; `.git` counted but not walked. */
  files: string[];
  truncated: boolean;
  /** The Go module at the context root, when there is one: does its go.mod require other modules? */
  goModule?: { requires: boolean };
}

const MAX_FILES = 20_000;

export function readContext(dir: string, dockerfile?: string, workspaceDir?: string): ContextFacts {
  const exists = existsSync(dir) && statSync(dir).isDirectory();
  const specific = dockerfile ? join(dirname(dockerfile), `${basename(dockerfile)}.dockerignore`) : null;
  const useSpecific = specific !== null && existsSync(specific);
  const path = useSpecific ? specific : join(dir, '.dockerignore');
  const ignoreExists = useSpecific || (exists && existsSync(path));
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
    dockerignore: { path, exists: ignoreExists, lines: ignoreExists ? readFileSync(path, 'utf8').split(/\r?\n/) : [], dockerfileSpecific: useSpecific },
    files,
    truncated,
    ...(ignoreExists ? {} : strayIgnores(dir, dockerfile, workspaceDir)),
    ...(exists && existsSync(join(dir, 'go.mod')) ? { goModule: { requires: /^\s*require\b/m.test(readFileSync(join(dir, 'go.mod'), 'utf8')) } } : {}),
  };
}

function strayIgnores(dir: string, dockerfile: string | undefined, workspaceDir: string | undefined): { strayIgnoreFiles?: string[] } {
  const places = new Set<string>();
  if (dockerfile) places.add(dirname(dockerfile));
  // Folders above the context, up to the workspace root: a .dockerignore in the student's home is not theirs to fix here.
  const inside = (d: string) => workspaceDir !== undefined && !relative(workspaceDir, d).startsWith('..');
  for (let d = dirname(dir); inside(d); d = dirname(d)) {
    places.add(d);
    if (d === workspaceDir || d === dirname(d)) break;
  }
  places.delete(dir);
  const found = [...places].map((d) => join(d, '.dockerignore')).filter((f) => existsSync(f));
  return found.length ? { strayIgnoreFiles: found } : {};
}
