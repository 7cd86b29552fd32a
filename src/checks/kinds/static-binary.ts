import { z } from 'zod';
import { finalChain, isScratchLike } from '../facts/dockerfile-model.js';
import type { ImageFsRequest } from '../facts/requests.js';
import { dockerfileReq, imageReq, withDockerfile, withImage } from './common.js';
import { error, fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const fsReq = (t: CheckTarget): ImageFsRequest => ({ type: 'imagefs', ref: t.service.image, paths: [], entrypoint: true });

/**
 * Reads the ELF program headers of the binary the image starts: a program interpreter means it
 * needs a dynamic loader and libc, which scratch and distroless/static do not have.
 */
export const staticBinary: CheckKind<Record<string, never>> = {
  name: 'static-binary',
  description: 'On scratch or distroless, the service binary is statically linked (read from its ELF header).',
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t), imageReq(t), fsReq(t)],
  evaluate: (facts, t) =>
    withDockerfile(facts, t, (df) =>
      withImage(facts, t, () => {
        const root = finalChain(df)[0]!;
        const base = root.base ?? 'unknown';
        const ep = facts.get(fsReq(t)).entrypoint;
        if (!ep) return error('the image does not start a binary dojo can find', ['ENTRYPOINT/CMD in exec form should name the service binary']);
        if (!ep.stat.exists) return error(`${ep.from} names ${ep.path}, which is not in the image`);
        if (!ep.elf?.isElf) return error(`${ep.path} is not an ELF binary`);
        if (!ep.elf.interpreter) return pass(`${ep.path} is statically linked (no program interpreter)`, [`final base: ${base}`]);
        const evidence = [`${ep.path} asks for the loader ${ep.elf.interpreter}`, `final base: ${base}`];
        if (!ep.interpreterExists) return fail(`${ep.path} is dynamically linked and its loader is missing from the image`, [...evidence, `${ep.elf.interpreter}: not in the image`]);
        if (isScratchLike(root.base)) return fail(`${ep.path} is dynamically linked on a ${base} base`, evidence);
        return pass(`${ep.path} is dynamically linked; the ${base} base provides ${ep.elf.interpreter}`, evidence);
      }),
    ),
};
