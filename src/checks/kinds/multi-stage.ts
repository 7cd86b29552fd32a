import { z } from 'zod';
import { finalChain, stageRef } from '../facts/dockerfile-model.js';
import { at, dockerfileReq, withDockerfile } from './common.js';
import { copyArgs } from './copy-sources.js';
import { fail, pass, type CheckKind } from '../types.js';

export const multiStage: CheckKind<Record<string, never>> = {
  name: 'multi-stage',
  description: 'The final image comes from a stage that copies its artifact --from a build stage.',
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t)],
  evaluate: (facts, t) =>
    withDockerfile(facts, t, (df) => {
      const chain = finalChain(df);
      const final = chain[chain.length - 1]!;
      if (df.stages.length === 1) {
        return fail('one stage builds and runs: everything used to build ships in the image', [at(t, final.line, `FROM ${final.baseRaw}`)]);
      }
      const copies = chain.flatMap((s) => s.instructions).filter((i) => i.keyword === 'COPY' && i.flags.from);
      const fromBuild = copies
        .map((i) => ({ i, stage: stageRef(df, i.flags.from!) }))
        .filter((c) => c.stage && !chain.includes(c.stage));
      if (!fromBuild.length) {
        return fail('the final stage copies nothing from a build stage', [
          `final stage: ${at(t, final.line, `FROM ${final.baseRaw}`)}`,
          ...copies.map((i) => `${at(t, i.line, `COPY --from=${i.flags.from}`)} (not a stage of this Dockerfile)`),
        ]);
      }
      return pass(
        `final stage (line ${final.line}, FROM ${final.baseRaw}) copies its artifact from a build stage`,
        fromBuild.map(({ i, stage }) => `${at(t, i.line, `COPY --from=${i.flags.from} ${copyArgs(i).sources.join(' ')}`)} (stage at line ${stage!.line})`),
      );
    }),
};
