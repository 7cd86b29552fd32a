import { z } from 'zod';
import { parseImageRef } from '../facts/image-ref.js';
import { at, dockerfileReq, locationOf, withDockerfile } from './common.js';
import { fail, pass, skip, type CheckKind } from '../types.js';

const params = z.object({ allowLatest: z.array(z.string()).default([]) }).strict();

/**
 * Every external base names a tag or digest other than `latest`. Global ARGs are resolved the way the
 * builder resolves them (nested defaults, dojo.yaml build args); `FROM <stage>` is not a base; a name
 * that depends on an ARG without a value is unknown, never a failure.
 */
export const pinnedBase: CheckKind<z.infer<typeof params>> = {
  name: 'pinned-base',
  description: 'Every external FROM names a specific tag or digest (not latest, not untagged); ARGs resolved.',
  params,
  needs: (t) => [dockerfileReq(t)],
  evaluate: (facts, t, p) =>
    withDockerfile(facts, t, (df) => {
      const bad: { line: number; text: string }[] = [];
      const unknown: string[] = [];
      const good: string[] = [];
      for (const s of df.stages.filter((st) => st.fromStage === null && st.base !== 'scratch')) {
        const shown = at(t, s.line, `FROM ${s.baseRaw}${s.base && s.base !== s.baseRaw ? ` (= ${s.base})` : ''}`);
        if (s.base === null) {
          unknown.push(`${shown}: depends on a build argument without a value`);
          continue;
        }
        const ref = parseImageRef(s.base);
        if (ref.digest) good.push(`${shown}: pinned by digest`);
        else if (ref.tag === null) bad.push({ line: s.line, text: `${shown}: no tag, so the engine takes latest` });
        else if (ref.tag === 'latest' && !p.allowLatest.includes(ref.name)) bad.push({ line: s.line, text: `${shown}: the latest tag moves` });
        else good.push(`${shown}: tag ${ref.tag}`);
      }
      if (bad.length) return fail('a base image is not pinned to a version', [...bad.map((b) => b.text), ...unknown], { location: locationOf(t, bad[0]!.line) });
      // One base dojo cannot read is enough not to say "every base is pinned".
      if (unknown.length) return skip(`unknown: ${unknown.length > 1 ? `${unknown.length} base images depend` : good.length ? 'a base image depends' : 'the base image depends'} on a build argument dojo has no value for`, [...unknown, ...good]);
      return pass('every base image names a version', [...good, ...unknown]);
    }),
};
