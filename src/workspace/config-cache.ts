import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkspaceConfig } from './config.js';

/**
 * A validated dojo.yaml, by its text. Loading the YAML parser and the schema to read a few lines
 * costs as much as a lab's static checks themselves (bench row 2), and a student's dojo.yaml rarely
 * changes between runs. The key covers the text, the services the course knows and this build of
 * dojo; only files that passed validation are stored, so every error is still found and located.
 */
export function configKey(text: string, knownServices: readonly string[]): string {
  return createHash('sha256').update(buildId()).update('\0').update(knownServices.join(',')).update('\0').update(text).digest('hex').slice(0, 32);
}

export function readCachedConfig(key: string): WorkspaceConfig | undefined {
  try {
    return JSON.parse(readFileSync(join(cacheDir(), `config-${key}.json`), 'utf8')) as WorkspaceConfig;
  } catch {
    return undefined;
  }
}

export function writeCachedConfig(key: string, cfg: WorkspaceConfig): void {
  try {
    const dir = cacheDir();
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `config-${key}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify(cfg));
    renameSync(tmp, join(dir, `config-${key}.json`));
  } catch {
    // A cache that cannot be written (read-only home in CI) only costs speed.
  }
}

export const cacheDir = (): string => process.env.DOJO_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'dojo');

let id: string | undefined;
function buildId(): string {
  if (id === undefined) {
    try {
      const s = statSync(fileURLToPath(import.meta.url));
      id = `${s.size}:${s.mtimeMs}`;
    } catch {
      id = 'unknown';
    }
  }
  return id;
}
