import { defineFact } from './fact-type.js';
import type { ImageFsFacts } from './image-model.js';
import { readImageFs } from './imagefs.js';

export type ImageFsRequest = { type: 'imagefs'; ref: string; paths: string[]; entrypoint: boolean; files?: string[] };

/** Paths, small files and the entrypoint binary of an image; requests for one image share one probe. */
export const imageFsFact = defineFact<ImageFsRequest, ImageFsFacts>({
  type: 'imagefs',
  key: (r) => `imagefs:${r.ref}`,
  engine: true,
  timeoutMs: () => 60_000,
  describe: (r) => `files of ${r.ref}`,
  collect: (r, ctx) => readImageFs(ctx.engine, r.ref, ctx.requireImage(r.ref), r.paths, r.entrypoint, r.files),
  merge: (a, b) => ({
    ...a,
    paths: [...new Set([...a.paths, ...b.paths])],
    entrypoint: a.entrypoint || b.entrypoint,
    files: [...new Set([...(a.files ?? []), ...(b.files ?? [])])],
  }),
  probeInputs: (r) => [{ type: 'image', ref: r.ref }],
  fake: () => ({ paths: {}, files: {}, entrypoint: null }),
});
