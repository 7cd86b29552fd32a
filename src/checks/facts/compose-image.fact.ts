import { defineFact } from './fact-type.js';
import type { ImageFsFacts } from './image-model.js';

export type ComposeImageRequest = { type: 'composeimage'; dir: string; files: string[]; project: string; service: string; paths: string[] };

export interface ComposeImageFacts {
  /** The tags dojo looked for: the service's `image:`, else the names Compose v2 and v1 give a built image. */
  candidates: string[];
  ref: string | null;
  /** The HEALTHCHECK the image brings (a compose service without its own inherits it). */
  healthcheck?: { test: string[] } | null;
  /** null when no paths were asked for. */
  fs: ImageFsFacts | null;
}

/** The image a compose service runs with those files (e.g. the dev override), and paths in it. */
export const composeImageFact = defineFact<ComposeImageRequest, ComposeImageFacts>({
  type: 'composeimage',
  key: (r) => `composeimage:${r.project}:${r.service}:${r.files.join(',')}`,
  engine: true,
  timeoutMs: () => 90_000,
  describe: (r) => `the image of compose service ${r.service}`,
  collect: async (r, ctx) => {
    const [{ readCompose }, { readImageFs }] = await Promise.all([import('./compose.js'), import('./imagefs.js')]);
    const model = await readCompose(r.dir, r.files, r.project, ctx.signal);
    const svc = model.services[r.service];
    const candidates = svc?.image ? [svc.image] : [`${r.project}-${r.service}`, `${r.project}_${r.service}`];
    for (const ref of candidates) {
      const image = await ctx.image(ref);
      if (!image) continue;
      const fs = r.paths.length ? await readImageFs(ctx.engine, ref, ctx.requireImage(ref), r.paths, false) : null;
      return { candidates, ref, healthcheck: image.config.healthcheck, fs };
    }
    return { candidates, ref: null, fs: null };
  },
  merge: (a, b) => ({ ...a, paths: [...new Set([...a.paths, ...b.paths])] }),
  fingerprint: (v) => v.ref,
  // The image it inspects is named by the compose files, or by the project and service when built.
  probeInputs: (r) => [
    { type: 'compose', dir: r.dir, files: r.files, project: r.project },
    { type: 'image', ref: `${r.project}-${r.service}` },
    { type: 'image', ref: `${r.project}_${r.service}` },
  ],
  fake: () => ({ candidates: [], ref: null, fs: null }),
});
