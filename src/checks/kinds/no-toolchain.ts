import { z } from 'zod';
import type { ImageFsRequest } from '../facts/requests.js';
import { dockerfileReq, imageReq, withCurrentImage } from './common.js';
import { fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const DEFAULT_PATHS = [
  '/usr/local/go/bin/go', '/usr/bin/go', '/usr/local/bin/go', '/usr/lib/go/bin/go',
  '/usr/bin/gcc', '/usr/bin/cc', '/usr/bin/g++', '/usr/bin/make',
];
const params = z.object({ paths: z.array(z.string().startsWith('/')).min(1).default(DEFAULT_PATHS) }).strict();
const fsReq = (t: CheckTarget, paths: string[]): ImageFsRequest => ({ type: 'imagefs', ref: t.service.image, paths, entrypoint: false });

/** Read from the image filesystem through the engine API: works on images with no shell. */
export const noToolchain: CheckKind<z.infer<typeof params>> = {
  name: 'no-toolchain',
  description: 'The final image holds no compiler toolchain (go, gcc, make...).',
  params,
  needs: (t, p) => [imageReq(t), dockerfileReq(t), fsReq(t, p.paths)],
  evaluate: (facts, t, p) =>
    withCurrentImage(facts, t, () => {
      const fs = facts.get(fsReq(t, p.paths));
      const found = p.paths.filter((path) => fs.paths[path]?.exists);
      if (!found.length) return pass(`no compiler or build tool in ${t.service.image}`, [`looked for ${p.paths.length} paths: ${p.paths.join(', ')}`]);
      return fail(`${t.service.image} ships a build toolchain`, found.map((path) => {
        const s = fs.paths[path]!;
        return s.linkTarget ? `${path} -> ${s.linkTarget}` : `${path}${s.size ? ` (${(s.size / 1_000_000).toFixed(1)} MB)` : ''}`;
      }));
    }),
};
