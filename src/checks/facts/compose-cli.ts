import { parse } from 'yaml';
import { runTool } from '../../engine/tool-run.js';
import type { ComposeLoader } from './compose-model.js';

export interface CliResult { loader: ComposeLoader; version: string; data?: unknown; error?: string }

type Run = (cmd: string, args: string[], cwd?: string) => Promise<{ exitCode?: number; stdout: unknown; stderr: unknown }>;
export interface ComposeTool { cmd: string; prefix: string[]; loader: ComposeLoader; version: string }
type Tool = ComposeTool;

let detected: Promise<Tool | null> | undefined;
/** Which Compose answers, asked once per run: `docker compose` (v2) first, else `docker-compose`. */
function detect(run: Run): Promise<Tool | null> {
  detected ??= (async () => {
    const want = process.env.DOJO_COMPOSE ?? 'auto';
    const candidates: [string, string[]][] = [];
    if (want === 'auto' || want === 'v2') candidates.push(['docker', ['compose']]);
    if (want === 'auto' || want === 'v1') candidates.push(['docker-compose', []]);
    for (const [cmd, prefix] of candidates) {
      const v = await run(cmd, [...prefix, 'version', '--short']);
      const version = String(v.stdout).trim();
      // A standalone `docker-compose` may be v2 as well: the version says which one it is.
      if (v.exitCode === 0 && version) return { cmd, prefix, version, loader: version.startsWith('1.') ? 'compose-v1' : 'compose-v2' } as Tool;
    }
    return null;
  })();
  return detected;
}

/** The Compose dojo uses (the same one `config` is read with), or null when neither is installed. */
export async function composeTool(): Promise<ComposeTool | null> {
  return detect((cmd, args) => runTool(cmd, args, { timeoutMs: 30_000 }));
}

/**
 * Runs Compose's own `config`, which resolves interpolation, `.env`, overrides, profiles, extends
 * and includes (v2 prints JSON, v1 YAML). null when neither is installed. DOJO_COMPOSE=v1|v2|none
 * picks one (the tests run both).
 */
export async function composeConfig(dir: string, files: string[], project: string, signal?: AbortSignal): Promise<CliResult | null> {
  const run: Run = (cmd, args) => runTool(cmd, args, { cwd: dir, timeoutMs: 30_000, ...(signal ? { signal } : {}) });
  const tool = await detect(run);
  if (!tool) return null;
  const base = [...tool.prefix, ...files.flatMap((p) => ['-f', p]), '-p', project];
  const { loader, version } = tool;
  if (loader === 'compose-v2') {
    // `--profile '*'` (every profile, so helpers are judged too) is newer than some v2 releases.
    let r = await run(tool.cmd, [...base, '--profile', '*', 'config', '--format', 'json']);
    if (r.exitCode !== 0 && /profile/i.test(String(r.stderr))) r = await run(tool.cmd, [...base, 'config', '--format', 'json']);
    if (r.exitCode !== 0) return { loader, version, error: String(r.stderr).trim() };
    return { loader, version, data: JSON.parse(String(r.stdout)) };
  }
  const r = await run(tool.cmd, [...base, 'config']);
  if (r.exitCode !== 0) return { loader, version, error: String(r.stderr).trim() };
  return { loader, version, data: parse(String(r.stdout)) };
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
