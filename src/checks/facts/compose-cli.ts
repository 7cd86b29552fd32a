import { parse } from 'yaml';
import type { ComposeLoader } from './compose-model.js';

export interface CliResult { loader: ComposeLoader; version: string; data?: unknown; error?: string }

/**
 * Runs Compose's own `config`, which resolves interpolation, `.env`, overrides, profiles, extends
 * and includes: `docker compose` (v2, JSON) first, else `docker-compose` (v1, YAML). null when
 * neither is installed. DOJO_COMPOSE=v1|v2|none picks one (the tests run both).
 */
export async function composeConfig(dir: string, files: string[], project: string): Promise<CliResult | null> {
  const { execa } = await import('execa');
  const want = process.env.DOJO_COMPOSE ?? 'auto';
  const f = files.flatMap((p) => ['-f', p]);
  const run = (cmd: string, args: string[]) =>
    execa(cmd, args, { cwd: dir, reject: false, timeout: 30_000, stdin: 'ignore' }).catch((err: unknown) => ({ exitCode: -1, stdout: '', stderr: String((err as Error).message), failed: true }));
  if (want === 'auto' || want === 'v2') {
    const v = await run('docker', ['compose', 'version', '--short']);
    if (v.exitCode === 0) {
      const version = String(v.stdout).trim();
      // `--profile '*'` (every profile, so helpers are judged too) is newer than some v2 releases.
      let r = await run('docker', ['compose', ...f, '-p', project, '--profile', '*', 'config', '--format', 'json']);
      if (r.exitCode !== 0 && /profile/i.test(String(r.stderr))) r = await run('docker', ['compose', ...f, '-p', project, 'config', '--format', 'json']);
      if (r.exitCode !== 0) return { loader: 'compose-v2', version, error: String(r.stderr).trim() };
      return { loader: 'compose-v2', version, data: JSON.parse(String(r.stdout)) };
    }
  }
  if (want === 'auto' || want === 'v1') {
    const v = await run('docker-compose', ['version', '--short']);
    if (v.exitCode === 0) {
      const version = String(v.stdout).trim();
      const r = await run('docker-compose', [...f, '-p', project, 'config']);
      if (r.exitCode !== 0) return { loader: 'compose-v1', version, error: String(r.stderr).trim() };
      return { loader: 'compose-v1', version, data: parse(String(r.stdout)) };
    }
  }
  return null;
}

/** `services.api.depends_on.postgres` style paths named in a Compose error message. */
export function pathsInMessage(message: string): string[][] {
  const out: string[][] = [];
  for (const m of message.matchAll(/\bservices\.([A-Za-z0-9._-]+)/g)) {
    const parts = m[1]!.split('.');
    out.push(['services', ...parts]);
  }
  return out;
}
