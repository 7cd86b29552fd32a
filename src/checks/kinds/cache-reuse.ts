import { z } from 'zod';
import type { RebuildRequest } from '../facts/requests.js';
import { serviceInstall } from '../facts/stage-steps.js';
import { at, contextReq, dockerfileReq, instructionText, locationOf, relPath, withDockerfile } from './common.js';
import { error, fail, pass, skip, type CheckKind, type CheckTarget } from '../types.js';

const params = z.object({ timeoutSec: z.number().int().min(10).max(1800).default(600) }).strict();
const rebuildReq = (t: CheckTarget, timeoutSec: number): RebuildRequest => ({
  type: 'rebuild', context: t.service.context, dockerfile: t.service.dockerfile, buildArgs: t.service.buildArgs, timeoutSec,
});

/** Live: the dependency install of the stages the service is built from must come from cache after a code change. */
export const cacheReuse: CheckKind<z.infer<typeof params>> = {
  name: 'cache-reuse',
  description: 'Live: after changing one source file, the rebuild takes the dependency-install step from cache.',
  params,
  needs: (t, p) => [dockerfileReq(t), contextReq(t), rebuildReq(t, p.timeoutSec)],
  evaluate: (facts, t, p) =>
    withDockerfile(facts, t, (df) => {
      const install = serviceInstall(df);
      if (!install) {
        return pass('does not apply: no stage of the service installs dependencies separately (layer-order judges how the build gets them)');
      }
      const probe = facts.get(rebuildReq(t, p.timeoutSec));
      const step = at(t, install.line, instructionText(install.keyword, install.text));
      if (probe.skipped) return skip(`the cache probe did not run: ${probe.skipped}`, [step]);
      if (probe.error) return error('the probe build of your Dockerfile failed', [probe.error, ...probe.outputTail.map((l) => `  | ${l}`)]);
      if (!probe.changedFile) return error(`no source file in ${relPath(t, t.service.context)} to change for the probe`);
      const changed = `changed only ${probe.changedFile} between two builds (${probe.builderName ?? `${probe.builder} builder`})`;
      // The probe's copy of the Dockerfile ends with the install, so it is the last step built.
      const last = probe.second[probe.second.length - 1];
      if (!last) return error('the probe build printed no steps', probe.outputTail.map((l) => `  | ${l}`));
      if (last.cached) return pass(`"${instructionText(install.keyword, install.text)}" came from cache`, [changed, step]);
      // FROM and global ARG steps never report a cache hit in the classic builder.
      const firstMiss = probe.second.find((s) => !s.cached && !/^(FROM|ARG)\b/i.test(s.instruction));
      return fail(`"${instructionText(install.keyword, install.text)}" ran again`, [
        changed,
        step,
        ...(firstMiss && firstMiss !== last ? [`the cache broke at: ${firstMiss.instruction}`] : []),
      ], { location: locationOf(t, install.line) });
    }),
};
