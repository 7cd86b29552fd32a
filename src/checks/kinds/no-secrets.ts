import { z } from 'zod';
import type { ImageFsRequest } from '../facts/requests.js';
import { declaredNames, dockerfileSecrets, imageSecrets, secretFileCandidates, type SecretHit } from '../facts/secret-model.js';
import { at, contextReq, dockerfileReq, imageReq, locationOf, missingImageHint, relPath, staleImage, withDockerfile } from './common.js';
import { finalChain, type DockerfileFacts } from '../facts/dockerfile-model.js';
import { error, fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const params = z.object({ allow: z.array(z.string()).default([]) }).strict();

const filesReq = (t: CheckTarget): ImageFsRequest => ({
  type: 'imagefs', ref: t.service.image, paths: [], entrypoint: false,
  secretScan: { dockerfile: t.service.dockerfile, context: t.service.context, buildArgs: t.service.buildArgs },
});

/**
 * No secret in the Dockerfile or in what the image gives to whoever has it: config ENV and labels,
 * build arguments and ENV values kept in the history, credential files copied in. Names follow
 * explicit patterns (PUBLIC_KEY, *_FILE are not secrets) plus known key shapes; `allow` lists
 * names or image paths to accept. Values are never shown.
 */
export const noSecrets: CheckKind<z.infer<typeof params>> = {
  name: 'no-secrets',
  description: 'No secret values in the Dockerfile, the image ENV, labels, build arguments kept in history, or credential files (.env, id_rsa…) inside the image.',
  params,
  needs: (t) => [dockerfileReq(t), contextReq(t), imageReq(t), filesReq(t)],
  evaluate: (facts, t, p) =>
    withDockerfile(facts, t, (df) => {
      const inFile = dockerfileSecrets(df, p.allow);
      const shown = (h: SecretHit) => (h.line ? at(t, h.line, h.what) : h.what);
      const location = inFile[0]?.line ? locationOf(t, inFile[0].line) : undefined;
      const img = facts.get(imageReq(t));
      if (!img) {
        if (inFile.length) return fail(`${relPath(t, df.path)} has secret values written in it (judged from the Dockerfile: the image is not built)`, inFile.map(shown), { location });
        return error(`no image tagged ${t.service.image} in the engine`, [missingImageHint(t)]);
      }
      const stale = staleImage(facts, t, df);
      if (stale) return stale;
      const fs = facts.get(filesReq(t));
      const candidates = secretFileCandidates(df, facts.optional(contextReq(t)) ?? undefined);
      const found = candidates.filter((c) => fs.paths[c.path]?.exists && !fs.paths[c.path]?.isDir && !p.allow.includes(c.path));
      const files = found.map((c) => (c.line
        ? at(t, c.line, `puts ${c.path} into the image${c.via ? ` (from stage ${c.via.stage}, which took it from the build context at line ${c.via.line})` : ''}`)
        : `${c.path} is in the image`));
      const imageHits = imageSecrets(img, p.allow);
      // A build argument in the history has a declaration in the Dockerfile: that is the line to change.
      const argLines = imageHits.filter((h) => h.where === 'history').flatMap((h) => argDeclaration(df, h.name));
      // A secret the current Dockerfile no longer sets came from an older build (a docker build that
      // failed leaves the old image under the tag) or from the base: say so rather than judge silently.
      const declared = declaredNames(df);
      const older = imageHits.filter((h) => (h.where === 'env' || h.where === 'history') && h.name !== 'RUN' && !declared.has(h.name));
      const inImage = imageHits.map((h) => (older.includes(h) ? `${shown(h)}; the current ${relPath(t, df.path)} does not set ${h.name}: the image is older than the Dockerfile (did the last docker build fail?) or its base sets it` : shown(h)));
      const all = [...inFile.map(shown), ...inImage, ...argLines.map((l) => at(t, l.line, `${l.text}: a value passed with --build-arg is kept in the history of every RUN after it`)), ...files];
      if (!all.length) return pass(`no secret values in ${relPath(t, df.path)} or in ${t.service.image}`, [`looked at: ENV, labels and history of ${t.service.image}; ${candidates.length} credential file paths`]);
      const where = [inFile.length && 'the Dockerfile', inImage.length && 'the image config or history', files.length && 'files in the image'].filter(Boolean).join(', ');
      const olderNote = older.length ? `; ${t.service.image} may be older than ${relPath(t, df.path)}: rebuild, then check again` : '';
      return fail(`secrets found in ${where} (values not shown)${olderNote}`, all, { location: location ?? (argLines[0] ? locationOf(t, argLines[0].line) : found.find((c) => c.line) ? locationOf(t, found.find((c) => c.line)!.line!) : undefined) });
    }),
};

const argDeclaration = (df: DockerfileFacts, name: string) =>
  finalChain(df).flatMap((s) => s.instructions).filter((i) => i.keyword === 'ARG' && i.text.split(/[\s=]/)[0] === name).slice(-1).map((i) => ({ line: i.line, text: `ARG ${name}` }));
