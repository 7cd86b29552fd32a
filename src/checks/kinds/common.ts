import { relative } from 'node:path';
import type { ContextRequest, DockerfileRequest, ImageRequest } from '../facts/requests.js';
import type { DockerfileFacts } from '../facts/dockerfile-model.js';
import type { Facts } from '../facts/store.js';
import type { ImageFacts } from '../facts/image-model.js';
import { error, type CheckTarget, type Finding } from '../types.js';

export const dockerfileReq = (t: CheckTarget): DockerfileRequest => ({ type: 'dockerfile', path: t.service.dockerfile, buildArgs: t.service.buildArgs });
export const contextReq = (t: CheckTarget): ContextRequest => ({ type: 'context', dir: t.service.context });
export const imageReq = (t: CheckTarget): ImageRequest => ({ type: 'image', ref: t.service.image });

export const relPath = (t: CheckTarget, p: string): string => relative(t.workspace.dir, p) || '.';

/** `file:line  INSTRUCTION args`, the way evidence points at a Dockerfile line. */
export const at = (t: CheckTarget, line: number, text?: string): string =>
  `${relPath(t, t.service.dockerfile)}:${line}${text ? `  ${text}` : ''}`;

/** Runs `rule` on a Dockerfile that exists and parses; otherwise an `error` that says why. */
export function withDockerfile(facts: Facts, t: CheckTarget, rule: (df: DockerfileFacts) => Finding): Finding {
  const df = facts.get(dockerfileReq(t));
  if (!df.exists) return error(`no Dockerfile at ${relPath(t, t.service.dockerfile)}`, [`dojo looked for ${t.service.dockerfile}; set services.${t.service.name}.dockerfile in dojo.yaml if yours is elsewhere`]);
  if (df.problems.length || df.stages.length === 0) {
    return error(`${relPath(t, df.path)} does not parse`, df.problems.map((p) => at(t, p.line, p.message)));
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

export const instructionText = (keyword: string, text: string): string => {
  const oneLine = `${keyword} ${text}`.replace(/\s+/g, ' ');
  return oneLine.length > 100 ? `${oneLine.slice(0, 97)}...` : oneLine;
};
