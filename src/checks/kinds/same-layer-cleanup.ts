import { posix } from 'node:path';
import { z } from 'zod';
import { finalChain, type DfInstruction } from '../facts/dockerfile-model.js';
import { mb, type ImageFacts } from '../facts/image-model.js';
import { FactUnavailable, type Facts } from '../facts/store.js';
import { at, dockerfileReq, imageReq, instructionText, withDockerfile } from './common.js';
import { createdPaths, deletedPaths, overlaps } from './cleanup-paths.js';
import { fail, pass, type CheckKind, type CheckTarget } from '../types.js';

/**
 * Files deleted in a later RUN than the one that created them still ship in the earlier layer.
 * Found from the final stage's instructions, confirmed with the layer size from `docker history`.
 */
export const sameLayerCleanup: CheckKind<Record<string, never>> = {
  name: 'same-layer-cleanup',
  description: 'Nothing in the final image is deleted in a later layer than the one that created it.',
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t), imageReq(t)],
  evaluate: (facts, t) =>
    withDockerfile(facts, t, (df) => {
      const chain = finalChain(df).flatMap((s) => s.instructions);
      const sizes = layerSizes(chain, imageOrNull(facts, t));
      const evidence: string[] = [];
      let workdir = '/';
      const created: { ins: DfInstruction; path: string }[] = [];
      chain.forEach((ins) => {
        if (ins.keyword === 'WORKDIR') workdir = posix.resolve(workdir, ins.text);
        for (const del of deletedPaths(ins, workdir)) {
          for (const c of created.filter((c) => c.ins !== ins && overlaps(del, c.path))) {
            const size = sizes.get(c.ins);
            if (size === 0) continue;
            evidence.push(
              `${at(t, c.ins.line, instructionText(c.ins.keyword, c.ins.text))}${size ? `  (layer: ${mb(size)})` : ''}`,
              `${at(t, ins.line, instructionText(ins.keyword, ins.text))}  (deletes ${c.path} in a later layer)`,
            );
          }
        }
        created.push(...createdPaths(ins, workdir).map((path) => ({ ins, path })));
      });
      if (evidence.length) return fail('files are deleted in a later layer than the one that added them', [...new Set(evidence)]);
      return pass('every cleanup happens in the layer that created the files');
    }),
};

function imageOrNull(facts: Facts, t: CheckTarget): ImageFacts | null {
  try {
    return facts.get(imageReq(t));
  } catch (err) {
    if (err instanceof FactUnavailable) return null;
    throw err;
  }
}

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
  if (keyword === 'RUN') return !createdBy.includes('#(nop)') && (/\/bin\/sh -c|^RUN\b/.test(createdBy) || createdBy.startsWith('|'));
  return new RegExp(`(#\\(nop\\)\\s*|^)${keyword}\\b`).test(createdBy);
}
