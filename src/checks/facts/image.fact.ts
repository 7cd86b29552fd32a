import { defineFact } from './fact-type.js';
import type { ImageFacts } from './image-model.js';

export type ImageRequest = { type: 'image'; ref: string };

export const imageFact = defineFact<ImageRequest, ImageFacts | null>({
  type: 'image',
  key: (r) => `image:${r.ref}`,
  engine: true,
  describe: (r) => r.ref,
  collect: (r, ctx) => ctx.image(r.ref),
  fingerprint: (v) => v?.id ?? null,
  fake: () => null,
});
