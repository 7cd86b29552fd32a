import { posix } from 'node:path';
import { z } from 'zod';
import { finalChain, type DfInstruction } from '../facts/dockerfile-model.js';
import { mb, type ImageFacts } from '../facts/image-model.js';
import { fileEffects, overlaps } from '../facts/layer-files.js';
import { at, dockerfileReq, imageReq, instructionText, locationOf, shownInstruction, staleImage, withDockerfile } from './common.js';
import { fail, pass, type CheckKind } from '../types.js';

/**
 * Per layer of the final image: what a step leaves in its layer, and what a later step deletes that
 * still exists from an earlier layer (those bytes ship anyway). A step that creates and deletes in
 * the same RUN leaves nothing. Confirmed with the layer sizes from `docker history` when built.
 */
export const sameLayerCleanup: CheckKind<Record<string, never>> = {
  name: 'same-layer-cleanup',
  description: 'Nothing in the final image is deleted in a later layer than the one that created it.',
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t), imageReq(t)],
  evaluate: (facts, t) =>
    withDockerfile(facts, t, (df) => {
      const chain = finalChain(df).flatMap((s) => s.instructions);
      const sizes = layerSizes(chain, facts.optional(imageReq(t)));
      const alive: { ins: DfInstruction; path: string }[] = [];
      const evidence: string[] = [];
      let first: number | undefined;
      let workdir = '/';
      for (const ins of chain) {
        if (ins.keyword === 'WORKDIR') workdir = posix.resolve(workdir, ins.text);
        const mine: string[] = [];
        for (const e of fileEffects(ins, workdir)) {
          if (e.op === 'create') {
            mine.push(e.path);
            continue;
          }
          // Created earlier in this same step: gone before the layer is committed.
          mine.splice(0, mine.length, ...mine.filter((p) => !overlaps(e.path, p)));
          for (const c of alive.filter((a) => overlaps(e.path, a.path))) {
            alive.splice(alive.indexOf(c), 1);
            const size = sizes.get(c.ins);
            if (size === 0) continue;
            first ??= ins.line;
            evidence.push(
              `${at(t, c.ins.line, shownInstruction(c.ins))}${size ? `  (layer: ${mb(size)})` : ''}`,
              `${at(t, ins.line, instructionText(ins.keyword, ins.text))}  (${e.what}: deletes ${c.path.replace(/\/\*\*$/, '/…').replace(/^package:/, 'the package ')} in a later layer)`,
            );
          }
        }
        alive.push(...mine.map((path) => ({ ins, path })));
      }
      if (evidence.length) return fail('files are deleted in a later layer than the one that added them', [...new Set(evidence)], { location: locationOf(t, first!) });
      return staleImage(facts, t, df) ?? pass('every cleanup happens in the layer that created the files');
    }),
};

/**
 * Maps the final stage's instructions to their history rows (newest first), walking both from the
 * end; rows for labels added at build time (`--label`) have no instruction and are passed over.
 */
function layerSizes(chain: DfInstruction[], img: ImageFacts | null): Map<DfInstruction, number> {
  const sizes = new Map<DfInstruction, number>();
  if (!img) return sizes;
  let k = chain.length - 1;
  for (const row of img.history) {
    if (k < 0) break;
    const ins = chain[k]!;
    if (rowMatches(row.createdBy, ins.keyword)) {
      sizes.set(ins, row.size);
      k--;
    } else if (!/(#\(nop\)\s*|^)LABEL\b/.test(row.createdBy)) {
      return new Map(); // not aligned: better no sizes than wrong ones
    }
  }
  return sizes;
}

function rowMatches(createdBy: string, keyword: string): boolean {
  if (keyword === 'RUN') return !createdBy.includes('#(nop)') && !/^(COPY|ADD|ENV|LABEL|WORKDIR|USER|EXPOSE|CMD|ENTRYPOINT|ARG)\b/.test(createdBy);
  return new RegExp(`(#\\(nop\\)\\s*|^)${keyword}\\b`).test(createdBy);
}
