import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import type { Engine } from '../../engine/client.js';
import { labels, track } from '../../engine/cleanup.js';
import { withTimeout } from '../../engine/timeout.js';
import { beyondBuiltinFrontend, detectBuilder } from '../../engine/builder.js';
import { parseBuildOutput } from './build-output.js';
import { buildCacheIds, buildxOnce, pruneBuildCache } from './buildx-build.js';
import { dockerignore } from './dockerignore-matcher.js';
import type { ContextFacts } from './context.js';
import { isManifestSource } from './manifests.js';
import { buildKitOnly, serviceInstall } from './stage-steps.js';
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
  stage?: number, signal?: AbortSignal,
): Promise<RebuildFacts> {
  const df = (await import('./dockerfile.js')).readDockerfile(dockerfile, buildArgs);
  const install = serviceInstall(df);
  const builder = await detectBuilder(engine);
  const none = (skipped: string): RebuildFacts => ({ builder: builder.kind, builderName: builder.name, changedFile: null, first: [], second: [], error: null, outputTail: [], skipped });
  if (!df.exists || df.problems.length) return none('the Dockerfile is missing or does not parse');
  if (!install) return none('no dependency-install step');
  const needs = buildKitOnly(df);
  // The classic builder would fail on these, or build something else: no verdict is better than a false one.
  if (needs.length && builder.kind === 'classic') {
    return none(`needs BuildKit (line ${needs[0]!.line}: ${needs[0]!.what}) and dojo has only the classic builder on this engine: ${builder.why}`);
  }
  const beyond = builder.kind === 'buildkit' ? beyondBuiltinFrontend(needs, engine.version.ApiVersion) : undefined;
  if (beyond) {
    return none(`line ${beyond.line} (${beyond.what}) needs a newer Dockerfile frontend than the one built into Engine ${engine.version.Version}, and offline dojo does not pull docker/dockerfile`);
  }
  if (signal?.aborted) return none('interrupted');
  const tmp = mkdtempSync(join(tmpdir(), 'dojo-rebuild-'));
  const removeTmp = track(`folder ${tmp}`, async () => rmSync(tmp, { recursive: true, force: true }));
  const tag = `dojo-probe/rebuild-${process.pid}-${Date.now().toString(36)}`;
  // Intermediate images of a build stage are not parents of the final image, so removing the tags
  // leaves them: remove every image the probe's builds printed that did not exist before it began.
  const before = new Set((await engine.docker.listImages({ all: true })).map((i) => i.Id.replace('sha256:', '').slice(0, 12)));
  const created: string[] = [];
  const running = new Set<string>();
  const cacheBefore = builder.kind === 'buildkit' ? await buildCacheIds(engine) : null;
  const untag = track(`images ${tag}:1,2`, async () => {
    if (cacheBefore) return pruneBuildCache(engine, cacheBefore);
    // A step still running (Ctrl-C mid-build) would commit after dojo is gone: kill its container.
    await Promise.all([...running].map((id) => engine.docker.getContainer(id).remove({ force: true }).catch(() => undefined)));
    // noprune: untagging must never prune the student's own cached parent images.
    for (const t of ['2', '1']) await engine.docker.getImage(`${tag}:${t}`).remove({ noprune: true }).catch(() => undefined);
    for (const id of [...new Set(created)].reverse()) {
      if (!before.has(id)) await engine.docker.getImage(id).remove({ noprune: true }).catch(() => undefined);
    }
  });
  try {
    // Send what the docker CLI would: the context minus .dockerignore matches, plus the Dockerfile.
    const ig = dockerignore(context.dockerignore.lines);
    // The daemon itself drops .dockerignore and the Dockerfile when they match the patterns, as it
    // does for the CLI, so the probe's first build hits the same cache as the student's own build.
    cpSync(context.dir, tmp, {
      recursive: true,
      filter: (src) => {
        const rel = relative(context.dir, src).split('\\').join('/');
        return rel === '' || rel === '.dockerignore' || !ig.ignores(rel);
      },
    });
    let dockerfileRel = relative(context.dir, dockerfile).split('\\').join('/');
    if (dockerfileRel.startsWith('..')) dockerfileRel = 'Dockerfile.dojo-probe';
    mkdirSync(dirname(join(tmp, dockerfileRel)), { recursive: true });
    const cut = cutAfter(readFileSync(dockerfile, 'utf8'), install.endLine);
    writeFileSync(join(tmp, dockerfileRel), builder.kind === 'buildkit' ? withoutSyntaxDirective(cut) : cut);
    const source = pickSource(context, (f) => !ig.ignores(f));
    const build = async (n: string) => {
      if (builder.kind === 'buildkit') return buildxOnce(engine, tmp, dockerfileRel, buildArgs, timeoutSec * 1000, signal);
      const out = await withTimeout(buildOnce(engine, tmp, dockerfileRel, buildArgs, `${tag}:${n}`, running), timeoutSec * 1000, `probe build ${n}`);
      created.push(...out.imageIds);
      return out;
    };
    const facts = { builder: builder.kind, builderName: builder.name, changedFile: source, skipped: null };
    const first = await build('1');
    if (first.error) return { ...facts, first: first.steps, second: [], error: first.error, outputTail: first.tail };
    if (source) appendFileSync(join(tmp, source), `\n${COMMENT[extname(source)] ?? '#'} dojo cache probe ${Date.now()}\n`);
    const second = await build('2');
    return { ...facts, first: first.steps, second: second.steps, error: second.error, outputTail: second.tail };
  } finally {
    await untag();
    await removeTmp();
  }
}

/**
 * Only the dependency step's cache outcome matters, so the probe's copy of the Dockerfile ends right
 * after that instruction: both builds finish there (no compile, no cancelled build racing the
 * daemon) and every earlier step keeps the cache key it has in the student's own build.
 */
export const cutAfter = (text: string, endLine: number): string => text.split(/\r?\n/).slice(0, endLine).join('\n') + '\n';

/**
 * Offline, a `# syntax=` directive makes BuildKit pull its frontend image and fail. The probe's copy
 * drops it (a blank comment keeps the line numbers): the built-in frontend knows heredocs,
 * RUN --mount and COPY --link.
 */
export function withoutSyntaxDirective(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // Parser directives come first; the first other line (comment, blank or instruction) ends them.
    const m = /^\s*#\s*([a-zA-Z]+)\s*=/.exec(lines[i]!);
    if (!m) break;
    if (m[1]!.toLowerCase() === 'syntax') lines[i] = '#';
  }
  return lines.join('\n');
}

/** One build of `dir`, labelled as dojo's; also used by `dojo validate --solutions`. */
export async function buildOnce(engine: Engine, dir: string, dockerfile: string, buildargs: Record<string, string>, t: string, running: Set<string>, purpose = 'rebuild') {
  const { pack } = await import('tar-fs');
  const stream = (await engine.docker.buildImage(pack(dir) as unknown as NodeJS.ReadableStream, {
    t, dockerfile, buildargs, labels: labels(purpose), rm: true, forcerm: true, version: '1',
  } as never)) as unknown as NodeJS.ReadableStream;
  let text = '';
  let failure: string | null = null;
  let pending = '';
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.trim())) {
        try {
          const event = JSON.parse(line) as { stream?: string; error?: string; errorDetail?: { message?: string } };
          text += event.stream ?? '';
          const step = /---> Running in ([0-9a-f]{12})/.exec(event.stream ?? '');
          if (step) running.add(step[1]!);
          if (event.error || event.errorDetail) failure = event.errorDetail?.message ?? event.error ?? 'build failed';
        } catch {
          text += line;
        }
      }
    });
    stream.on('end', () => resolve());
    stream.on('error', reject);
  });
  const { builder, steps } = parseBuildOutput(text);
  const tail = text.split('\n').filter((l) => l.trim()).slice(-8);
  const imageIds = [...text.matchAll(/^ ---> ([0-9a-f]{12})\s*$/gm)].map((m) => m[1]!);
  return { builder, steps, error: failure, tail, imageIds };
}

function pickSource(context: ContextFacts, sent: (f: string) => boolean): string | null {
  const candidates = context.files.filter((f) => sent(f) && COMMENT[extname(f)] && !isManifestSource(f) && !/(^|\/)(vendor|testdata)\//.test(f) && !f.endsWith('_test.go'));
  return candidates.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0] ?? null;
}
