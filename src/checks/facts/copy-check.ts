import picomatch from 'picomatch';
import type { ContextFacts } from './context.js';
import { copyArgs, isContextCopy } from './copy-sources.js';
import type { DockerfileFacts } from './dockerfile-model.js';
import { dockerignore } from './dockerignore-matcher.js';

/**
 * COPY/ADD sources the builder will not find in the build context (absent, or excluded by the ignore
 * file): the build stops there. A glob may match nothing while another source of the same COPY
 * exists (`COPY go.mod go.sum* ./`); a plain name must exist.
 */
export function missingCopySources(df: DockerfileFacts, ctx: ContextFacts): { line: number; source: string }[] {
  if (!ctx.exists || ctx.truncated) return [];
  const ig = dockerignore(ctx.dockerignore.lines);
  const sent = ctx.files.filter((f) => !ig.ignores(f.replace(/\/$/, '')));
  const has = (path: string) => path === '' || sent.some((f) => f === path || f === `${path}/` || f.startsWith(`${path}/`));
  const out: { line: number; source: string }[] = [];
  for (const i of df.stages.flatMap((s) => s.instructions).filter(isContextCopy)) {
    const sources = copyArgs(i).sources.map((src) => ({ src, path: src.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '').replace(/^\.$/, '') }));
    const found = sources.map(({ path }) => (/[*?[]/.test(path) ? sent.some((f) => picomatch(path, { dot: true })(f.replace(/\/$/, ''))) : has(path)));
    const plainMissing = sources.filter(({ path }, k) => !/[*?[]/.test(path) && !found[k]);
    if (plainMissing.length) out.push(...plainMissing.map(({ src }) => ({ line: i.line, source: src })));
    else if (!found.some(Boolean)) out.push({ line: i.line, source: sources.map((s) => s.src).join(' ') });
  }
  return out;
}
