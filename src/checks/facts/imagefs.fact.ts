import { defineFact } from './fact-type.js';
import type { ImageFsFacts } from './image-model.js';
import { readImageFs } from './imagefs.js';

/**
 * `secretScan`: also stat where the build context's secret-named files would land in the image (the
 * paths come from the Dockerfile and the context, read when the probe runs).
 */
export type ImageFsRequest = {
  type: 'imagefs'; ref: string; paths: string[]; entrypoint: boolean; files?: string[];
  secretScan?: { dockerfile: string; context: string; buildArgs: Record<string, string> };
};

/** Paths, small files and the entrypoint binary of an image; requests for one image share one probe. */
export const imageFsFact = defineFact<ImageFsRequest, ImageFsFacts>({
  type: 'imagefs',
  key: (r) => `imagefs:${r.ref}`,
  engine: true,
  timeoutMs: () => 60_000,
  describe: (r) => `files of ${r.ref}`,
  collect: async (r, ctx) => {
    const paths = r.secretScan ? [...new Set([...r.paths, ...(await secretPaths(r.secretScan))])] : r.paths;
    return readImageFs(ctx.engine, r.ref, ctx.requireImage(r.ref), paths, r.entrypoint, r.files);
  },
  merge: (a, b) => ({
    ...a,
    paths: [...new Set([...a.paths, ...b.paths])],
    entrypoint: a.entrypoint || b.entrypoint,
    files: [...new Set([...(a.files ?? []), ...(b.files ?? [])])],
    ...(a.secretScan ?? b.secretScan ? { secretScan: a.secretScan ?? b.secretScan } : {}),
  }),
  probeInputs: (r) => [{ type: 'image', ref: r.ref }],
  fake: () => ({ paths: {}, files: {}, entrypoint: null }),
});

async function secretPaths(scan: NonNullable<ImageFsRequest['secretScan']>): Promise<string[]> {
  const [{ readDockerfile }, { readContext }, { secretFileCandidates }] = await Promise.all([import('./dockerfile.js'), import('./context.js'), import('./secret-model.js')]);
  const df = readDockerfile(scan.dockerfile, scan.buildArgs);
  if (!df.exists || !df.stages.length) return [];
  return secretFileCandidates(df, readContext(scan.context, scan.dockerfile)).map((c) => c.path);
}
