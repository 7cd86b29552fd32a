import { z } from 'zod';
import { trivialProbe } from './trivial-probe.js';
import { composeReq, line, loaderEvidence, rel, withCompose, withService, withServices } from './compose-common.js';
import { composeName } from './targets.js';
import { fail, pass, type CheckKind, type CheckTarget, type Finding } from '../types.js';
import type { ComposeImageFacts, ComposeImageRequest } from '../facts/compose-image.fact.js';
import type { Location } from '../../errors.js';

/** The files load the way Compose loads them; a mistake in them is the student's, so a `fail` at its line. */
export const composeValid: CheckKind<Record<string, never>> = {
  name: 'compose-valid',
  description: 'The compose files exist and load (syntax and Compose schema); errors at file:line.',
  params: z.object({}).strict(),
  needs: (t) => [composeReq(t)],
  evaluate: (facts, t) => {
    const c = facts.get(composeReq(t));
    const files = c.files.map((f) => `${rel(t, f.path)}${f.exists ? '' : ' (missing)'}`);
    const searched = t.workspace.configFile ? files.join(', ') : `${COMPOSE_NAMES.join(', ')} (the names Compose looks for)`;
    if (!c.files.some((f) => f.exists)) return fail(`no compose file in ${t.workspace.dir}`, [`looked for ${searched}`], { mistake: 'compose-missing' });
    const first = c.problems[0];
    if (first) {
      return fail(`${first.location ? line(t, first.location) : files.join(', ')}: the compose files do not load`, [
        ...c.problems.map((p) => (p.location ? `${line(t, p.location)}  ${p.message}` : p.message)),
        ...(c.loaderNote ? [c.loaderNote] : []),
      ], { location: first.location });
    }
    return pass(`${files.join(' + ')} load: services ${Object.keys(c.services).join(', ')}`, [c.loaderNote]);
  },
};

const hcParams = z.object({ service: z.string() }).strict();
const serviceImageReq = (t: CheckTarget, service: string): ComposeImageRequest =>
  ({ type: 'composeimage', dir: t.workspace.dir, files: t.workspace.compose.files, project: t.workspace.compose.project, service, paths: [] });
/**
 * The compose file's healthcheck, else the one the service's image brings (the official postgres
 * image has none; an image built or tagged locally may): Compose waits on either.
 */
export const composeHealthcheck: CheckKind<z.infer<typeof hcParams>> = {
  name: 'compose-healthcheck',
  description: 'The service has a healthcheck that can fail: its own in the compose file, or one its image brings (not disabled).',
  params: hcParams,
  services: (p) => [p.service],
  needs: (t, p) => [composeReq(t), serviceImageReq(t, composeName(t, p.service))],
  evaluate: (facts, t, p) =>
    withService(facts, t, composeName(t, p.service), (svc, c) => {
      const name = svc.name;
      const hc = svc.healthcheck;
      if (!hc) return inheritedHealthcheck(facts.optional(serviceImageReq(t, composeName(t, p.service))), name, [`${line(t, svc.location)}  service ${name}`, ...loaderEvidence(c)], svc.location);
      if (hc.disabled) return fail(`${name}'s healthcheck is disabled`, [`${line(t, hc.location)}  healthcheck`], { location: hc.location });
      const always = trivialProbe(hc.test);
      if (always !== null) return fail(`${name}'s healthcheck runs \`${always}\`, which succeeds whether or not ${name} is ready`, [`${line(t, hc.location)}  healthcheck: ${hc.test.join(' ')}`], { location: hc.location });
      return pass(`${name} has a healthcheck: ${hc.test.join(' ')}`, [`${line(t, hc.location)}  healthcheck`], { location: hc.location });
    }),
};

function inheritedHealthcheck(img: ComposeImageFacts | null, name: string, evidence: string[], location: Location): Finding {
  const image = img?.ref ? `its image ${img.ref}` : null;
  if (!img) evidence.push('the engine could not be asked whether the image brings a HEALTHCHECK of its own');
  else if (!img.ref) evidence.push(`no local image ${img.candidates.join(' or ')} to read a HEALTHCHECK from`);
  if (!image || !img?.healthcheck) {
    return fail(`${name} has no healthcheck in the compose files${image ? ` and ${image} brings none` : ''}`, evidence, { location });
  }
  const test = img.healthcheck.test.slice(img.healthcheck.test[0]?.startsWith('CMD') ? 1 : 0).join(' ');
  const always = trivialProbe(img.healthcheck.test);
  if (always !== null) return fail(`${name}'s healthcheck (from ${image}) runs \`${always}\`, which succeeds whether or not ${name} is ready`, evidence, { location });
  return pass(`${name} has a healthcheck from ${image}: ${test}`, [...evidence, `none in the compose files: Compose uses the image's HEALTHCHECK (an image without one, like the official postgres, would leave service_healthy nothing to wait for)`], { location });
}

const dependsParams = z.object({ service: z.union([z.string(), z.array(z.string()).min(1)]), on: z.string() }).strict();
/** depends_on alone waits for a container to start, not for the service in it to be ready. */
export const composeDependsHealthy: CheckKind<z.infer<typeof dependsParams>> = {
  name: 'compose-depends-healthy',
  description: 'In the compose file, the services wait for their dependency to be healthy (depends_on condition: service_healthy).',
  params: dependsParams,
  services: (p) => [...[p.service].flat(), p.on],
  needs: (t, p) => ([p.service].flat().forEach((s) => composeName(t, s)), composeName(t, p.on), [composeReq(t)]),
  evaluate: (facts, t, p) =>
    withServices(facts, t, [composeName(t, p.on), ...[p.service].flat().map((s) => composeName(t, s))], ([dep, ...services], c) => {
      const on = dep.name;
      const names = services.map((s) => s.name);
      const evidence: string[] = [];
      const bad: { name: string; why: string; location: import('../../errors.js').Location }[] = [];
      for (const svc of services) {
        const name = svc.name;
        const link = svc.dependsOn[on];
        if (!link) {
          evidence.push(`${line(t, svc.location)}  ${name}: no depends_on ${on}`);
          bad.push({ name, why: `does not depend on ${on}`, location: svc.location });
        } else {
          evidence.push(`${line(t, link.location)}  depends_on ${on}: ${link.condition}`);
          if (link.condition !== 'service_healthy') bad.push({ name, why: `waits only for ${on} to start`, location: link.location });
        }
      }
      evidence.push(`${line(t, dep.location)}  ${on} healthcheck: ${dep.healthcheck ? (dep.healthcheck.disabled ? 'disabled' : 'defined') : 'none in the compose file'}`);
      // service_healthy on a service whose healthcheck is switched off can never be met: `up` stops with an error.
      if (dep.healthcheck?.disabled) bad.push({ name: on, why: `has its healthcheck disabled, so service_healthy can never be met and \`up\` stops`, location: dep.healthcheck.location });
      if (bad.length) return fail(bad.map((b) => `${b.name} ${b.why}`).join('; '), [...evidence, ...loaderEvidence(c)], { location: bad[0]!.location });
      return pass(`${names.join(', ')} wait${names.length > 1 ? '' : 's'} for ${on} to be healthy`, evidence);
    }),
};

const volumeParams = z.object({ service: z.string(), target: z.string().startsWith('/') }).strict();
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
/** `docker compose down` keeps named volumes; only `down -v` removes them. */
export const composeNamedVolume: CheckKind<z.infer<typeof volumeParams>> = {
  name: 'compose-named-volume',
  description: 'In the compose file, the service keeps `target` in a named volume declared under the top-level volumes:.',
  params: volumeParams,
  services: (p) => [p.service],
  needs: (t, p) => (composeName(t, p.service), [composeReq(t)]),
  evaluate: (facts, t, p) =>
    withService(facts, t, composeName(t, p.service), (svc, c) => {
      const name = svc.name;
      const v = svc.volumes.find((x) => x.target === p.target);
      if (!v) return fail(`${name} mounts nothing at ${p.target}`, [`${line(t, svc.location)}  service ${name}: the data lands in the container's writable layer, or in an anonymous volume when the image declares VOLUME; \`docker compose down\` leaves neither for the next \`up\``], { location: svc.location });
      const shownSource = v.kind === 'bind' ? `./${rel(t, v.source ?? '')}` : (v.source ?? '(anonymous)');
      const evidence = [`${line(t, v.location)}  ${v.kind === 'tmpfs' ? 'tmpfs' : shownSource}:${v.target} (${v.kind})`];
      const what = v.kind === 'bind' ? 'a bind mount of a host folder' : v.kind === 'tmpfs' ? 'a tmpfs mount (memory only, gone when the container stops)' : 'an anonymous volume';
      if (v.kind !== 'volume' || !v.source) return fail(`${p.target} of ${name} is ${what}`, evidence, { location: v.location });
      if (!c.volumes[v.source]) return fail(`volume ${v.source} is not declared under the top-level volumes:`, evidence, { location: v.location });
      return pass(`${name} keeps ${p.target} in the named volume ${v.source}${c.volumes[v.source]!.external ? ' (external)' : ''}`, evidence, { location: v.location });
    }),
};
