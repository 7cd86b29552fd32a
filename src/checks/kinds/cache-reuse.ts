import { z } from 'zod';
import { DEPENDENCY_INSTALL } from '../facts/manifests.js';
import type { RebuildRequest } from '../facts/requests.js';
import { contextReq, relPath } from './common.js';
import { error, fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const params = z.object({ timeoutSec: z.number().int().min(10).max(1800).default(600) }).strict();
const rebuildReq = (t: CheckTarget, timeoutSec: number): RebuildRequest => ({
  type: 'rebuild', context: t.service.context, dockerfile: t.service.dockerfile, buildArgs: t.service.buildArgs, timeoutSec,
});

export const cacheReuse: CheckKind<z.infer<typeof params>> = {
  name: 'cache-reuse',
  description: 'Live: after changing one source file, the rebuild takes the dependency-install step from cache.',
  params,
  needs: (t, p) => [contextReq(t), rebuildReq(t, p.timeoutSec)],
  evaluate: (facts, t, p) => {
    const probe = facts.get(rebuildReq(t, p.timeoutSec));
    if (probe.error) return error('the probe build of your Dockerfile failed', [probe.error, ...probe.outputTail.map((l) => `  | ${l}`)]);
    if (!probe.changedFile) return error(`no source file in ${relPath(t, t.service.context)} to change for the probe`);
    const changed = `changed only ${probe.changedFile} between two builds (${probe.builder} builder)`;
    const install = probe.second.find((s) => DEPENDENCY_INSTALL.test(s.instruction));
    if (!install) {
      const firstMiss = probe.second.find((s) => !s.cached && !/^(FROM|ARG)\b/i.test(s.instruction));
      return fail('no dependency-install step in the build', [changed, ...(firstMiss ? [`first step rebuilt: ${firstMiss.instruction}`] : [])]);
    }
    // Step numbers would refer to the probe's shortened copy of the Dockerfile, so name instructions.
    if (install.cached) return pass(`"${install.instruction}" came from cache`, [changed]);
    // FROM and global ARG steps never report a cache hit in the classic builder.
    const firstMiss = probe.second.find((s) => !s.cached && s.index < install.index && !/^(FROM|ARG)\b/i.test(s.instruction));
    return fail(`"${install.instruction}" ran again`, [
      changed,
      ...(firstMiss ? [`the cache broke at: ${firstMiss.instruction}`] : []),
    ]);
  },
};
