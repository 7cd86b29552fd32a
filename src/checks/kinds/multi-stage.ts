import { z } from 'zod';
import { finalChain, stageRef, type DfStage } from '../facts/dockerfile-model.js';
import { copyArgs } from '../facts/copy-sources.js';
import { at, dockerfileReq, locationOf, withDockerfile } from './common.js';
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
      const root = chain[0]!;
      const fromLine = (s: DfStage) => at(t, s.line, `FROM ${s.baseRaw}${s.name ? ` AS ${s.name}` : ''}`);
      if (df.stages.length === 1) {
        return fail('one stage builds and runs: everything used to build ships in the image', [fromLine(final)], { location: locationOf(t, final.line) });
      }
      const copies = chain.flatMap((s) => s.instructions).filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && i.flags.from);
      const described = copies.map((i) => {
        const stage = stageRef(df, i.flags.from!);
        const kind = !stage ? 'an image, not a stage of this Dockerfile' : chain.includes(stage) ? 'a stage the final image is built on' : `the stage at line ${stage.line}`;
        return { i, stage, fromBuild: Boolean(stage && !chain.includes(stage)), text: `${at(t, i.line, `${i.keyword} --from=${i.flags.from} ${copyArgs(i).sources.join(' ')}`)} (${kind})` };
      });
      const fromBuild = described.filter((c) => c.fromBuild);
      if (!fromBuild.length) {
        const chained = chain.length > 1 ? [`the final stage is built on ${chain.slice(0, -1).map(fromLine).join(' → ')}: all of it ships`] : [];
        return fail('the final stage copies nothing from a build stage', [`final stage: ${fromLine(final)}`, ...chained, ...described.map((c) => c.text)], { location: locationOf(t, final.line) });
      }
      return pass(`final stage (line ${final.line}, FROM ${root.baseRaw}) copies its artifact from a build stage`, fromBuild.map((c) => c.text));
    }),
};
