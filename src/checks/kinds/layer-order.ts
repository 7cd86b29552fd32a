import { z } from 'zod';
import { DEPENDENCY_INSTALL, SOURCE_BUILD } from '../facts/manifests.js';
import { at, dockerfileReq, instructionText, withDockerfile } from './common.js';
import { isBroadCopy, isManifestCopy } from './copy-sources.js';
import { fail, pass, type CheckKind } from '../types.js';

/** In every stage that installs dependencies or builds: manifests and the install come before the rest of the source. */
export const layerOrder: CheckKind<Record<string, never>> = {
  name: 'layer-order',
  description: 'Dependency manifests are copied and dependencies installed before the rest of the source.',
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t)],
  evaluate: (facts, t) =>
    withDockerfile(facts, t, (df) => {
      const problems: string[] = [];
      const good: string[] = [];
      for (const stage of df.stages) {
        const ins = stage.instructions;
        const install = ins.find((i) => i.keyword === 'RUN' && DEPENDENCY_INSTALL.test(i.text));
        const build = ins.find((i) => i.keyword === 'RUN' && SOURCE_BUILD.test(i.text));
        const broad = ins.find(isBroadCopy);
        const step = install ?? build;
        if (!step || !broad) continue;
        const label = `stage ${stage.name ?? stage.index}`;
        if (broad.line < step.line) {
          problems.push(
            `${label}: ${at(t, broad.line, instructionText(broad.keyword, broad.text))}`,
            `${label}: ${at(t, step.line, instructionText(step.keyword, step.text))}${install ? '' : '  (no separate dependency step: the build fetches them)'}`,
          );
        } else {
          const manifests = ins.find((i) => isManifestCopy(i) && i.line < step.line);
          good.push(`${label}: manifests line ${manifests?.line ?? '?'}, dependencies line ${step.line}, source line ${broad.line}`);
        }
      }
      if (problems.length) return fail('the source is copied before dependencies are installed', problems);
      if (!good.length) return pass('no stage installs dependencies or builds from copied source');
      return pass('dependencies are installed before the source is copied', good);
    }),
};
