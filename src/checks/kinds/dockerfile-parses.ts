import { z } from 'zod';
import { contextReq, dockerfileReq, relPath, withDockerfile } from './common.js';
import { pass, type CheckKind } from '../types.js';

export const dockerfileParses: CheckKind<Record<string, never>> = {
  name: 'dockerfile-parses',
  description: "The service's Dockerfile exists, parses, and names only files its build context has (errors with line numbers otherwise).",
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t), contextReq(t)],
  evaluate: (facts, t) =>
    withDockerfile(facts, t, (df) => {
      const count = df.stages.reduce((n, s) => n + 1 + s.instructions.length, 0);
      return pass(`${relPath(t, df.path)} parses: ${df.stages.length} stage${df.stages.length === 1 ? '' : 's'}, ${count} instructions`);
    }),
};
