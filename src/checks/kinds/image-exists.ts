import { z } from 'zod';
import { imageReq, withImage } from './common.js';
import { mb } from '../facts/image-model.js';
import { pass, type CheckKind } from '../types.js';

export const imageExists: CheckKind<Record<string, never>> = {
  name: 'image-exists',
  description: "The service's image tag is in the engine (an error, not a failure, when absent).",
  params: z.object({}).strict(),
  needs: (t) => [imageReq(t)],
  evaluate: (facts, t) =>
    withImage(facts, t, (img) => pass(`${t.service.image} is built: ${img.id.replace('sha256:', '').slice(0, 12)}, ${mb(img.size)}, ${img.layers} layer${img.layers === 1 ? '' : 's'}`)),
};
