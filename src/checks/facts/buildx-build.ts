import type { Engine } from '../../engine/client.js';
import { cliEnv } from '../../engine/builder.js';
import { runTool } from '../../engine/tool-run.js';
import { parseBuildOutput } from './build-output.js';
import type { BuildStep } from './probe-model.js';

export interface BuildOutcome { steps: BuildStep[]; error: string | null; tail: string[] }

/**
 * One BuildKit build through `docker buildx build`: plain progress (which steps were CACHED), and
 * `--output type=cacheonly`, so no image is created; only build-cache records remain (see
 * buildCacheIds / pruneBuildCache).
 */
export async function buildxOnce(
  engine: Engine, dir: string, dockerfile: string, buildArgs: Record<string, string>, timeoutMs: number, signal?: AbortSignal,
): Promise<BuildOutcome> {
  const args = ['buildx', 'build', '--progress=plain', '--output', 'type=cacheonly', '-f', `${dir}/${dockerfile}`,
    ...Object.entries(buildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]), dir];
  const r = await runTool('docker', args, { all: true, timeoutMs, ...(signal ? { signal } : {}), env: { ...cliEnv(engine), BUILDKIT_PROGRESS: 'plain' } });
  const text = r.all;
  const tail = text.split('\n').filter((l) => l.trim()).slice(-8);
  const { steps } = parseBuildOutput(text);
  if (r.timedOut) return { steps, error: `the build did not finish within ${Math.round(timeoutMs / 1000)} s`, tail };
  if (r.exitCode !== 0) {
    const err = text.split('\n').reverse().find((l) => /^(ERROR|error):? /.test(l.trim()));
    return { steps, error: err?.trim() ?? `docker buildx build exited with code ${r.exitCode}`, tail };
  }
  return { steps, error: null, tail };
}

interface BuildCacheRecord { ID: string; InUse?: boolean }

async function records(engine: Engine): Promise<BuildCacheRecord[]> {
  const df = (await dial(engine, '/system/df?', { type: 'build-cache' }, 'GET').catch(() => ({}))) as { BuildCache?: BuildCacheRecord[] | null };
  return df.BuildCache ?? [];
}

/** The engine's build-cache record ids (BuildKit's), to tell which ones a probe created. */
export async function buildCacheIds(engine: Engine): Promise<Set<string>> {
  return new Set((await records(engine)).map((r) => r.ID));
}

/**
 * BuildKit's cache records carry no labels, so the probe removes, by id, the records that did not
 * exist before it began (all=1 too: the "from local" records that share the base image's layers
 * are kept otherwise). The build's context records stay in use for a moment after buildx exits,
 * and a parent goes only after its child: poll until none is left, within a deadline.
 */
export async function pruneBuildCache(engine: Engine, before: Set<string>, deadlineMs = 5_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const created = (await records(engine)).filter((r) => !before.has(r.ID));
    if (!created.length || Date.now() > until) return;
    // The engine takes one id per prune call ("filters expect only one value").
    await Promise.all(created.map((r) => dial(engine, '/build/prune?', { all: '1', filters: JSON.stringify({ id: [r.ID] }) }).catch(() => undefined)));
    await new Promise((r) => setTimeout(r, 100));
  }
}

function dial(engine: Engine, path: string, query: Record<string, string>, method = 'POST'): Promise<unknown> {
  return new Promise((resolve, reject) => {
    engine.docker.modem.dial({ path, method, options: { _query: query, _body: {} }, statusCodes: { 200: true, 500: 'server error' } } as never,
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data)));
  });
}
