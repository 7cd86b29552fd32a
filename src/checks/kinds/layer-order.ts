import { z } from 'zod';
import { at, contextReq, dockerfileReq, instructionText, locationOf, relPath, withDockerfile } from './common.js';
import { stageSteps } from '../facts/stage-steps.js';
import { fail, pass, type CheckKind, type CheckTarget } from '../types.js';
import type { Facts } from '../facts/store.js';

/**
 * In every stage that installs dependencies (or builds, downloading them itself): the manifests and
 * the install come before the service's code. Dependencies installed in another stage and copied
 * in, a cache mount, and vendored modules all keep a code change from re-downloading them.
 */
export const layerOrder: CheckKind<Record<string, never>> = {
  name: 'layer-order',
  description: 'Dependency manifests are copied and dependencies installed before the rest of the source.',
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t), contextReq(t)],
  evaluate: (facts, t) =>
    withDockerfile(facts, t, (df) => {
      const problems: string[] = [];
      const good: string[] = [];
      let first: number | undefined;
      const noDeps = goModuleWithoutDeps(facts, t);
      const steps = stageSteps(df, { goModuleWithoutDeps: noDeps });
      for (const s of steps) {
        const step = s.install ?? s.fetchingBuild;
        const label = `stage ${s.stage.name ?? s.stage.index}`;
        if (!step) {
          if (s.depsFrom && s.source) good.push(`${label}: dependencies come from stage ${s.depsFrom.stage.name ?? s.depsFrom.stage.index} (line ${s.depsFrom.line}), code line ${s.source.line}`);
          continue;
        }
        if (s.source && s.source.line < step.line) {
          first ??= s.source.line;
          problems.push(
            `${label}: ${at(t, s.source.line, instructionText(s.source.keyword, s.source.text))}`,
            `${label}: ${at(t, step.line, instructionText(step.keyword, step.text))}${s.install ? '' : '  (no separate dependency step: the build downloads them)'}`,
          );
        } else {
          good.push(`${label}: manifests line ${s.manifests?.line ?? '-'}, dependencies line ${step.line}, code line ${s.source?.line ?? '-'}`);
        }
      }
      if (problems.length) return fail('the source is copied before dependencies are installed', problems, { location: locationOf(t, first!) });
      if (!good.length && noDeps && steps.some((s) => s.works)) {
        return pass('nothing to download yet: go.mod requires no other module, so this build order costs no download now', [`${relPath(t, t.service.context)}/go.mod has no require directive`]);
      }
      if (!good.length) return pass('does not apply: no stage installs dependencies or builds anything');
      return pass('dependencies are installed before the source is copied', good);
    }),
};

/** A Go module that requires no other module has nothing to download: its build order cannot cost a download. */
function goModuleWithoutDeps(facts: Facts, t: CheckTarget): boolean {
  return facts.optional(contextReq(t))?.goModule?.requires === false;
}
