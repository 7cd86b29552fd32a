import { z } from 'zod';
import { finalChain } from '../facts/dockerfile-model.js';
import type { ImageFsRequest } from '../facts/requests.js';
import { dockerfileReq, imageReq, withCurrentImage, withDockerfile } from './common.js';
import { error, fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const fsReq = (t: CheckTarget): ImageFsRequest => ({ type: 'imagefs', ref: t.service.image, paths: [], entrypoint: true });

/**
 * The lesson is "the binary can run in the final image": read the ELF program headers of the binary
 * the image starts; a static binary runs anywhere, a dynamic one needs its program interpreter (the
 * loader) in the image. distroless/base and debian-slim ship one; scratch and distroless/static do not.
 */
export const staticBinary: CheckKind<Record<string, never>> = {
  name: 'static-binary',
  description: 'The service binary can run in the final image: static, or its dynamic loader is in the image (read from its ELF header).',
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t), imageReq(t), fsReq(t)],
  evaluate: (facts, t) =>
    withDockerfile(facts, t, (df) =>
      withCurrentImage(facts, t, () => {
        const base = finalChain(df)[0]!.base ?? 'unknown';
        const ep = facts.get(fsReq(t)).entrypoint;
        if (!ep) return error('the image does not start a binary dojo can find', ['ENTRYPOINT/CMD in exec form should name the service binary']);
        if (!ep.stat.exists) return fail(`${ep.from} names ${ep.path}, which is not in the image`, [`final base: ${base}`]);
        if (!ep.elf?.isElf) return pass(`${ep.path} is not an ELF binary (a script or another runtime): nothing to link`, [`final base: ${base}`]);
        if (!ep.elf.interpreter) return pass(`${ep.path} is statically linked (no program interpreter)`, [`final base: ${base}`]);
        const evidence = [`${ep.path} asks for the loader ${ep.elf.interpreter}`, `final base: ${base}`];
        if (!ep.interpreterExists) return fail(`${ep.path} is dynamically linked and its loader is missing from the image`, [...evidence, `${ep.elf.interpreter}: not in the image`]);
        return pass(`${ep.path} is dynamically linked; the image provides ${ep.elf.interpreter}`, evidence);
      }),
    ),
};
