import { posix } from 'node:path';
import type { DockerfileFacts } from '../facts/dockerfile-model.js';
import type { ComposeService } from '../facts/compose-model.js';

const words = (x: string | string[] | null): string[] => (x === null ? [] : Array.isArray(x) ? x : x.trim().split(/\s+/));

/** The last WORKDIR of `target` (or the last stage) and the stages it builds FROM, as the builder resolves it. */
export function stageWorkdir(df: DockerfileFacts | null | undefined, target: string | null): string | null {
  if (!df?.stages.length) return null;
  let stage = target ? df.stages.find((s) => s.name?.toLowerCase() === target.toLowerCase()) : df.stages[df.stages.length - 1];
  const chain = [];
  while (stage) {
    chain.unshift(stage);
    stage = stage.fromStage === null ? undefined : df.stages[stage.fromStage];
  }
  let dir: string | null = null;
  for (const s of chain) for (const i of s.instructions) if (i.keyword === 'WORKDIR') dir = posix.resolve(dir ?? '/', i.text.trim());
  return dir;
}

const inside = (path: string, folder: string) => path === folder || path.startsWith(folder === '/' ? '/' : `${folder}/`);

/**
 * Whether the dev container runs the mounted source: it works in the folder the source is mounted
 * at (or below), and what it starts is not a file baked into the image outside that folder.
 */
export function devRunProblem(svc: ComposeService, mountTarget: string, workdir: string | null): { problem: string | null; evidence: string[] } {
  const dir = svc.workingDir ?? workdir;
  const run = [...words(svc.entrypoint), ...words(svc.command)];
  const evidence = [`works in: ${dir ?? '(unknown)'}${svc.workingDir ? ' (working_dir)' : ' (WORKDIR of the stage it builds)'}`, `runs: ${run.join(' ') || '(the image default)'}`];
  if (dir && !inside(dir, mountTarget)) return { problem: `the source is mounted at ${mountTarget}, but the container works in ${dir}: it runs the copy baked into the image`, evidence };
  const exe = run[0];
  if (exe?.startsWith('/') && !inside(exe, mountTarget)) return { problem: `the dev command starts ${exe}, a file baked into the image, not the mounted source`, evidence };
  return { problem: null, evidence };
}
