import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

// The names Compose looks for, in its order of preference.
const BASE = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];
const DEV = ['compose.dev.yaml', 'compose.dev.yml', 'docker-compose.dev.yaml', 'docker-compose.dev.yml'];

/**
 * The files `docker compose up` reads in `dir` with no -f (the first base file and the first
 * override file), and the development files (the override, else a *.dev.yml file).
 */
export function discoverCompose(dir: string): { files: string[]; devFiles: string[] } {
  // COMPOSE_FILE (environment or .env) replaces the search, as it does for Compose.
  const listed = process.env.COMPOSE_FILE ?? dotenv(join(dir, '.env')).COMPOSE_FILE;
  if (listed) {
    const sep = process.env.COMPOSE_PATH_SEPARATOR ?? dotenv(join(dir, '.env')).COMPOSE_PATH_SEPARATOR ?? (process.platform === 'win32' ? ';' : ':');
    const files = listed.split(sep).filter(Boolean).map((f) => resolve(dir, f));
    return { files, devFiles: files.slice(1) };
  }
  const first = (names: string[]) => names.map((n) => join(dir, n)).find((p) => existsSync(p));
  const base = first(BASE) ?? join(dir, 'docker-compose.yml');
  const override = first(OVERRIDE);
  const dev = override ?? first(DEV);
  return { files: override ? [base, override] : [base], devFiles: dev ? [dev] : [] };
}

/** The project name Compose would use: COMPOSE_PROJECT_NAME, a top-level `name:`, the folder's name. */
export function projectName(dir: string, baseFile: string | undefined): string | null {
  const fromEnv = process.env.COMPOSE_PROJECT_NAME ?? dotenv(join(dir, '.env')).COMPOSE_PROJECT_NAME;
  if (fromEnv) return normalize(fromEnv);
  if (baseFile && existsSync(baseFile)) {
    const m = /^name:\s*["']?([^"'\s#]+)/m.exec(readFileSync(baseFile, 'utf8'));
    if (m && !m[1]!.includes('$')) return normalize(m[1]!);
  }
  return normalize(basename(baseFile ? dirname(baseFile) : dir)) || null;
}

const normalize = (s: string) => s.toLowerCase().replace(/[^a-z0-9_-]/g, '');

/** KEY=value lines of a .env file (quotes stripped); {} when there is none. */
export function dotenv(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) out[m[1]!] = m[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return out;
}
