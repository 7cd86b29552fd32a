import { z } from 'zod';
import { imageReq, withImage } from './common.js';
import type { RunRequest } from '../facts/requests.js';
import { fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const params = z.object({ seconds: z.number().min(1).max(60).default(3) }).strict();
const runReq = (t: CheckTarget, seconds: number): RunRequest => ({ type: 'run', ref: t.service.image, seconds });

export const containerStarts: CheckKind<z.infer<typeof params>> = {
  name: 'container-starts',
  description: 'A throwaway container from the image starts and is still running after a few seconds.',
  params,
  needs: (t, p) => [imageReq(t), runReq(t, p.seconds)],
  evaluate: (facts, t, p) =>
    withImage(facts, t, () => {
      const run = facts.get(runReq(t, p.seconds));
      if (run.running) return pass(`a container from ${t.service.image} is still running after ${p.seconds} s`);
      const evidence = [
        run.error ? `engine: ${run.error}` : `exit code ${run.exitCode}${run.oomKilled ? ' (OOMKilled)' : ''} within ${p.seconds} s`,
        ...(run.logsTail.length ? ['last log lines:', ...run.logsTail.map((l) => `  | ${l}`)] : ['it printed no logs']),
      ];
      return fail(`a container from ${t.service.image} stopped instead of running`, evidence);
    }),
};
