import { z } from 'zod';
import type { ImageFsRequest } from '../facts/requests.js';
import { dockerfileUser, resolveUser, staticUserVerdict } from '../facts/user-model.js';
import { serviceContainerReqs } from './service-container.js';
import { at, dockerfileReq, imageReq, locationOf, missingImageHint, staleImage, withDockerfile } from './common.js';
import { error, fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const passwdReq = (t: CheckTarget): ImageFsRequest => ({ type: 'imagefs', ref: t.service.image, paths: [], entrypoint: false, files: ['/etc/passwd', '/etc/group'] });

/**
 * The final image runs as a non-root user. The Dockerfile says what the final stage sets (a USER in
 * a build stage changes nothing); the built image says what really runs, a USER inherited from the
 * base included, with names looked up in the image's own /etc/passwd and /etc/group. When they
 * differ, the image wins. A running container of the service says what really runs: its user
 * (`docker run --user`, compose `user:`) overrides the image's, so that is the user judged.
 */
export const nonRootUser: CheckKind<Record<string, never>> = {
  name: 'non-root-user',
  description: "The final image runs as a non-root user: Config.User resolved as the engine does (the image's /etc/passwd, uid, user:group, inherited from the base).",
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t), imageReq(t), passwdReq(t), ...serviceContainerReqs(t)],
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
      const files = facts.get(passwdReq(t)).files ?? {};
      const imageWho = resolveUser(img.config.user, files['/etc/passwd'], files['/etc/group'] ?? null);
      const imageLine = `${t.service.image}: Config.User ${JSON.stringify(img.config.user)}: ${imageWho.how}`;
      // Only a container of this very build says how this image runs; another build's is judged on its own.
      const running = serviceContainerReqs(t).map((r) => facts.optional(r))
        .find((c) => c?.running && (c.imageId ? c.imageId === img.id : c.image === t.service.image));
      // The engine copies the image's user into a container created without one: a difference is an override.
      if (running && running.user !== img.config.user) {
        const who = resolveUser(running.user, files['/etc/passwd'], files['/etc/group'] ?? null);
        const evidence = [`container ${running.name}: user ${JSON.stringify(running.user)}${running.user.trim() ? ", set when it was started, overrides the image's" : ''}: ${who.how}`, imageLine, said, ...elsewhere];
        if (who.root === null) return fail(`${running.name} was started as a user or group the image does not have`, evidence, { location });
        // An empty user is no override: the container was created from a build that had no USER.
        if (running.user.trim() === '') return fail(`${running.name} runs as root: it was created from a build of the image without a user; recreate it from the current image`, evidence, { location });
        if (who.root) return fail(`${running.name} runs as root: it was started with user ${JSON.stringify(running.user)}, which overrides the image's ${img.config.user ? `USER ${img.config.user}` : 'user'}`, evidence, { location });
        return pass(`${running.name} runs as uid ${who.uid}: its start overrides the image's user${imageWho.root ? ' (the image alone would run as root)' : ''}`, evidence);
      }
      const who = imageWho;
      const evidence = [imageLine, ...(running ? [`container ${running.name} runs with the image's user`] : []), said, ...elsewhere];
      if (who.root === null) return fail(`${t.service.image} names a user or group the image does not have`, evidence, { location });
      if (who.root) {
        const why = !u.final ? `, inherited from the base ${u.base.name ?? ''}`.trimEnd() : verdict === 'pass' ? `: ${u.final.text.slice(5)} is uid 0 in the image` : '';
        return fail(`${t.service.image} runs as root${why}`, evidence, { location });
      }
      return pass(`${t.service.image} runs as uid ${who.uid}${u.final ? '' : ', inherited from its base'}`, evidence);
    }),
};
