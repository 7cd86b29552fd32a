import { appendFileSync, copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import type { Engine } from '../../engine/client.js';
import { labels, track } from '../../engine/cleanup.js';
import { withTimeout } from '../../engine/timeout.js';
import { parseBuildOutput } from './build-output.js';
import type { ContextFacts } from './context.js';
import { isManifest } from './manifests.js';
import type { RebuildFacts } from './probe-model.js';

const COMMENT: Record<string, string> = {
  '.go': '//', '.js': '//', '.ts': '//', '.java': '//', '.rs': '//', '.c': '//', '.kt': '//', '.py': '#', '.rb': '#',
};

/**
 * The cache probe: builds a temp copy of the context twice, changing one source file (never a
 * manifest) in between. Both temp tags are removed by tag, so an image the student tagged is never
 * deleted, even when the probe's build shares its layers.
 */
export async function rebuildProbe(
  engine: Engine, context: ContextFacts, dockerfile: string, buildArgs: Record<string, string>, timeoutSec: number,
): Promise<RebuildFacts> {
  const tmp = mkdtempSync(join(tmpdir(), 'dojo-rebuild-'));
  const removeTmp = track(`folder ${tmp}`, async () => rmSync(tmp, { recursive: true, force: true }));
  const tag = `dojo-probe/rebuild-${process.pid}-${Date.now().toString(36)}`;
  const untag = track(`images ${tag}:1,2`, async () => {
    for (const t of ['2', '1']) await engine.docker.getImage(`${tag}:${t}`).remove().catch(() => undefined);
  });
  try {
    cpSync(context.dir, tmp, { recursive: true, filter: (src) => !/[\\/](\.git|\.dojo|node_modules)$/.test(src) });
    let dockerfileRel = relative(context.dir, dockerfile);
    if (dockerfileRel.startsWith('..')) {
      dockerfileRel = 'Dockerfile.dojo-probe';
      copyFileSync(dockerfile, join(tmp, dockerfileRel));
    }
    const source = pickSource(context);
    const build = async (n: string) => withTimeout(buildOnce(engine, tmp, dockerfileRel, buildArgs, `${tag}:${n}`), timeoutSec * 1000, `probe build ${n}`);
    const first = await build('1');
    if (first.error) return { builder: first.builder, changedFile: source, first: first.steps, second: [], error: first.error, outputTail: first.tail };
    if (source) appendFileSync(join(tmp, source), `\n${COMMENT[extname(source)] ?? '#'} dojo cache probe ${Date.now()}\n`);
    const second = await build('2');
    return { builder: second.builder, changedFile: source, first: first.steps, second: second.steps, error: second.error, outputTail: second.tail };
  } finally {
    await untag();
    await removeTmp();
  }
}

async function buildOnce(engine: Engine, dir: string, dockerfile: string, buildargs: Record<string, string>, t: string) {
  const stream = (await engine.docker.buildImage(
    { context: dir, src: readdirSync(dir) },
    { t, dockerfile, buildargs, labels: labels('rebuild'), rm: true, forcerm: true, version: '1' } as never,
  )) as unknown as NodeJS.ReadableStream;
  const events = await new Promise<{ stream?: string; error?: string; errorDetail?: { message?: string } }[]>((resolve, reject) =>
    engine.docker.modem.followProgress(stream, (err: Error | null, out: { stream?: string }[]) => (err ? reject(err) : resolve(out))),
  );
  const text = events.map((e) => e.stream ?? '').join('');
  const failure = events.find((e) => e.error || e.errorDetail);
  const { builder, steps } = parseBuildOutput(text);
  const tail = text.split('\n').filter((l) => l.trim()).slice(-8);
  return { builder, steps, error: failure ? (failure.errorDetail?.message ?? failure.error ?? 'build failed') : null, tail };
}

function pickSource(context: ContextFacts): string | null {
  const candidates = context.files.filter((f) => COMMENT[extname(f)] && !isManifest(f) && !/(^|\/)(vendor|testdata)\//.test(f) && !f.endsWith('_test.go'));
  return candidates.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0] ?? null;
}
