import { dockerignore } from '../facts/dockerignore-matcher.js';
import { z } from 'zod';
import { contextReq, relPath } from './common.js';
import { error, fail, pass, type CheckKind } from '../types.js';

const params = z.object({ mustExclude: z.array(z.string()).default(['.env', '.git']) }).strict();

/**
 * Evaluates .dockerignore the way the engine does (@balena/dockerignore follows moby's matcher,
 * `!` exceptions included; dockerode uses it too), for the required paths and for every .env file
 * actually present in the context.
 */
export const dockerignoreKind: CheckKind<z.infer<typeof params>> = {
  name: 'dockerignore',
  description: 'A .dockerignore for the build context exists and excludes the given paths (default .env and .git).',
  params,
  needs: (t) => [contextReq(t)],
  evaluate: (facts, t, p) => {
    const ctx = facts.get(contextReq(t));
    if (!ctx.exists) return error(`build context ${relPath(t, t.service.context)} does not exist`);
    const envFiles = ctx.files.filter((f) => /(^|\/)\.env(\.[^/]*)?$/.test(f) && !/\.env\.example$/.test(f));
    const file = relPath(t, ctx.dockerignore.path);
    if (!ctx.dockerignore.exists) {
      const present = [...envFiles, ...ctx.files.filter((f) => f === '.git/')];
      return fail(`no .dockerignore in the build context ${relPath(t, ctx.dir)}`, [
        `looked for ${file}`,
        // The builder reads the ignore file at the root of the context it is sent, nowhere else.
        ...(ctx.strayIgnoreFiles ?? []).map((f) => `${relPath(t, f)} exists, but the build context is ${relPath(t, ctx.dir)}/: the builder never reads it`),
        ...(present.length ? [`the engine would receive: ${present.join(', ')}`] : []),
      ]);
    }
    const ig = dockerignore(ctx.dockerignore.lines);
    const probes = new Set([...p.mustExclude, ...envFiles.map((f) => f.replace(/\/$/, ''))]);
    const leaks = [...probes].filter((path) => !ig.ignores(path) || (p.mustExclude.includes(path) && !ig.ignores(`${path}/x`) && ctx.files.includes(`${path}/`)));
    const reads = ctx.dockerignore.dockerfileSpecific ? [`BuildKit reads ${file} for this Dockerfile, in place of the context's .dockerignore`] : [];
    if (leaks.length) {
      return fail(`${file} lets ${leaks.join(', ')} into the build context`, [...reads, ...leaks.map((l) => decidingLine(ctx.dockerignore.lines, l, file))], { location: { file: ctx.dockerignore.path, line: decidingLineNumber(ctx.dockerignore.lines, leaks[0]!) } });
    }
    return pass(`${file} excludes ${[...probes].join(', ')}`, reads);
  },
};

/** The 1-based line of the pattern that decides for `path` (the last matching one), or 1. */
function decidingLineNumber(lines: string[], path: string): number {
  let found = 1;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line && !line.startsWith('#') && dockerignore([line.replace(/^!/, '')]).ignores(path)) found = i + 1;
  });
  return found;
}

/** The last pattern that matches decides, as in the engine; name it, or say none matched. */
function decidingLine(lines: string[], path: string, file: string): string {
  let decided: string | null = null;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const pattern = line.startsWith('!') ? line.slice(1) : line;
    if (dockerignore([pattern]).ignores(path)) decided = `${file}:${i + 1}  "${line}" ${line.startsWith('!') ? 're-includes' : 'matches'} ${path}`;
  });
  return decided ?? `${path}: no pattern in ${file} matches it`;
}
