import { relative } from 'node:path';
import type { ContextRequest, DockerfileRequest, ImageRequest } from '../facts/requests.js';
import type { DfInstruction, DockerfileFacts } from '../facts/dockerfile-model.js';
import type { Facts } from '../facts/store.js';
import type { ImageFacts } from '../facts/image-model.js';
import type { Location } from '../../errors.js';
import { compareImage } from '../facts/image-match.js';
import { missingCopySources } from '../facts/copy-check.js';
import { error, fail, type CheckTarget, type Finding } from '../types.js';

export const dockerfileReq = (t: CheckTarget): DockerfileRequest => ({ type: 'dockerfile', path: t.service.dockerfile, buildArgs: t.service.buildArgs });
export const contextReq = (t: CheckTarget): ContextRequest => ({ type: 'context', dir: t.service.context, dockerfile: t.service.dockerfile });
export const imageReq = (t: CheckTarget): ImageRequest => ({ type: 'image', ref: t.service.image });

export const relPath = (t: CheckTarget, p: string): string => relative(t.workspace.dir, p) || '.';

/** `file:line  INSTRUCTION args`, the way evidence points at a Dockerfile line. */
export const at = (t: CheckTarget, line: number, text?: string): string =>
  `${relPath(t, t.service.dockerfile)}:${line}${text ? `  ${text}` : ''}`;

/** The place in the service's Dockerfile a finding points at. */
export const locationOf = (t: CheckTarget, line: number): Location => ({ file: t.service.dockerfile, line });

/**
 * Runs `rule` on a Dockerfile that exists and parses. A missing or broken Dockerfile is the
 * student's to fix, so it fails (and counts as an attempt); one message for one cause, in every check.
 */
export function withDockerfile(facts: Facts, t: CheckTarget, rule: (df: DockerfileFacts) => Finding): Finding {
  const df = facts.get(dockerfileReq(t));
  const mistake = 'dockerfile-broken';
  if (!df.exists) {
    // Its own question: "which line does the check name" means nothing when there is no file.
    return fail(`no Dockerfile at ${relPath(t, t.service.dockerfile)}`, [`dojo looked for ${t.service.dockerfile}; set services.${t.service.name}.dockerfile in dojo.yaml if yours is elsewhere`], { mistake: 'dockerfile-missing' });
  }
  if (df.problems.length || df.stages.length === 0) {
    return fail(`${relPath(t, df.path)} does not parse`, df.problems.map((p) => at(t, p.line, p.message)), { mistake, location: locationOf(t, df.problems[0]?.line ?? 1) });
  }
  // Checks that read the build context also know what the builder will not find there.
  const ctx = facts.optional(contextReq(t));
  const missing = ctx ? missingCopySources(df, ctx) : [];
  if (missing.length) {
    return fail(`${relPath(t, df.path)} does not build: a COPY names files the build context does not have`, missing.map((m) => at(t, m.line, `${m.source}: not in ${relPath(t, ctx!.dir)}${ctx!.dockerignore.exists ? ' (or excluded by the ignore file)' : ''}`)), { mistake, location: locationOf(t, missing[0]!.line) });
  }
  return rule(df);
}

/** Runs `rule` on the built image; an `error` naming the tag and how to build it when absent. */
export function withImage(facts: Facts, t: CheckTarget, rule: (img: ImageFacts) => Finding): Finding {
  const img = facts.get(imageReq(t));
  if (!img) return error(`no image tagged ${t.service.image} in the engine`, [missingImageHint(t)]);
  return rule(img);
}

export const missingImageHint = (t: CheckTarget): string =>
  `build it first: docker build -t ${t.service.image} -f ${relPath(t, t.service.dockerfile)} ${relPath(t, t.service.context)}`;

/** An instruction as evidence shows it, with the flag that says where a COPY takes its files from. */
export const shownInstruction = (i: DfInstruction): string =>
  instructionText(i.keyword, i.flags.from !== undefined ? `--from=${i.flags.from} ${i.text}` : i.text);

export const instructionText = (keyword: string, text: string): string => {
  const oneLine = `${keyword} ${text}`.replace(/\s+/g, ' ');
  return oneLine.length > 100 ? `${oneLine.slice(0, 97)}...` : oneLine;
};

/**
 * A fail when the tagged image was built from another version of the Dockerfile, so a verdict
 * read from the image would judge old work; null when they agree or either cannot be read.
 */
export function staleImage(facts: Facts, t: CheckTarget, df: DockerfileFacts): Finding | null {
  const img = facts.optional(imageReq(t));
  if (!img) return null;
  const mismatches = compareImage(df, img);
  if (!mismatches.length) return null;
  return fail(`${t.service.image} was not built from the current ${relPath(t, t.service.dockerfile)}: rebuild, then check again`, [
    ...mismatches.map((m) => `${m.what}: the Dockerfile says ${m.dockerfile}, the image has ${m.image}`),
    `image ${img.id.replace('sha256:', '').slice(0, 12)} created ${img.created ?? 'at an unknown time'}`,
  ], { mistake: 'image-stale' });
}

/**
 * Runs `rule` on the built image, once dojo knows the image was built from the Dockerfile as it is
 * now: a verdict read from an older image would judge old work (the stale image fails, "rebuild").
 */
export function withCurrentImage(facts: Facts, t: CheckTarget, rule: (img: ImageFacts) => Finding): Finding {
  return withImage(facts, t, (img) => {
    const df = facts.optional(dockerfileReq(t));
    return (df?.exists && !df.problems.length ? staleImage(facts, t, df) : null) ?? rule(img);
  });
}
