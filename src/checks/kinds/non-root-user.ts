import { z } from 'zod';
import type { ImageFsRequest } from '../facts/requests.js';
import { dockerfileUser, resolveUser, staticUserVerdict } from '../facts/user-model.js';
import { at, dockerfileReq, imageReq, locationOf, missingImageHint, staleImage, withDockerfile } from './common.js';
import { error, fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const passwdReq = (t: CheckTarget): ImageFsRequest => ({ type: 'imagefs', ref: t.service.image, paths: [], entrypoint: false, files: ['/etc/passwd'] });

/**
 * The final image runs as a non-root user. The Dockerfile says what the final stage sets (a USER in
 * a build stage changes nothing); the built image says what really runs, a USER inherited from the
 * base included, with names looked up in the image's own /etc/passwd. When they differ, the image wins.
 */
export const nonRootUser: CheckKind<Record<string, never>> = {
  name: 'non-root-user',
  description: "The final image runs as a non-root user: Config.User resolved as the engine does (the image's /etc/passwd, uid, user:group, inherited from the base).",
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t), imageReq(t), passwdReq(t)],
  evaluate: (facts, t) =>
    withDockerfile(facts, t, (df) => {
      const u = dockerfileUser(df);
      const verdict = staticUserVerdict(u);
      const line = u.final ? u.final.line : u.base.line;
      const location = locationOf(t, line);
      const said = u.final
        ? at(t, u.final.line, u.final.text)
        : at(t, u.base.line, `no USER in the final stage: it inherits the user of its base ${u.base.name ?? '(unknown)'}`);
      const elsewhere = u.elsewhere.map((e) => at(t, e.line, `${e.text} is in stage ${e.stage}, which the final image does not include`));
      const img = facts.get(imageReq(t));
      if (!img) {
        if (verdict === 'fail') return fail('the final stage runs as root (judged from the Dockerfile: the image is not built)', [said, ...elsewhere], { location });
        return error(`no image tagged ${t.service.image} in the engine`, [missingImageHint(t), said]);
      }
      const stale = staleImage(facts, t, df);
      if (stale) return stale;
      const who = resolveUser(img.config.user, facts.get(passwdReq(t)).files?.['/etc/passwd']);
      const evidence = [`${t.service.image}: Config.User ${JSON.stringify(img.config.user)}: ${who.how}`, said, ...elsewhere];
      if (who.root === null) return fail(`${t.service.image} names a user the image does not have`, evidence, { location });
      if (who.root) {
        const why = !u.final ? `, inherited from the base ${u.base.name ?? ''}`.trimEnd() : verdict === 'pass' ? `: ${u.final.text.slice(5)} is uid 0 in the image` : '';
        return fail(`${t.service.image} runs as root${why}`, evidence, { location });
      }
      return pass(`${t.service.image} runs as uid ${who.uid}${u.final ? '' : ', inherited from its base'}`, evidence);
    }),
};
