import { z } from 'zod';
import { mb } from '../facts/image-model.js';
import { dockerfileReq, imageReq, withCurrentImage } from './common.js';
import { fail, pass, type CheckKind } from '../types.js';

const params = z.object({ budgetMb: z.number().positive().default(30) }).strict();

export const imageSize: CheckKind<z.infer<typeof params>> = {
  name: 'image-size',
  description: 'The final image fits the size budget (default 30 MB); evidence names the largest layers.',
  params,
  needs: (t) => [imageReq(t), dockerfileReq(t)],
  evaluate: (facts, t, p) =>
    withCurrentImage(facts, t, (img) => {
      // The API's Size, on every engine: VirtualSize is gone from API 1.44, and `docker images` on the
      // containerd image store shows other figures (compressed content as well).
      const figure = `${mb(img.size)} (image inspect "Size"${img.apiVersion ? `, engine API ${img.apiVersion}` : ''}: uncompressed, all layers)`;
      if (img.size <= p.budgetMb * 1_000_000) return pass(`${t.service.image} is ${mb(img.size)}, within ${p.budgetMb} MB`, [figure]);
      const largest = [...img.history]
        .filter((h) => h.size > 0)
        .sort((a, b) => b.size - a.size)
        .slice(0, 3)
        .map((h) => `  ${mb(h.size).padStart(9)}  ${h.createdBy.replace(/^\/bin\/sh -c (#\(nop\)\s+)?/, '').replace(/\s+/g, ' ').slice(0, 90) || '(imported base layer)'}`);
      return fail(`${t.service.image} is ${mb(img.size)}, over the ${p.budgetMb} MB budget`, [figure, 'largest layers:', ...largest]);
    }),
};
