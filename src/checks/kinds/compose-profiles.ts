import { z } from 'zod';
import { composeReq, line, withCompose } from './compose-common.js';
import { fail, pass, type CheckKind } from '../types.js';

// A helper (a shell, a migration job) is a compose-only service, not one of the workspace's, so it is named as in the file.
const params = z.object({ composeService: z.string(), profile: z.string() }).strict();
/** A helper service in a profile is defined with the stack but started only when asked for. */
export const composeProfiles: CheckKind<z.infer<typeof params>> = {
  name: 'compose-profile',
  description: 'In the compose files, the service belongs to the given profile (so a plain `up` does not start it).',
  params,
  needs: (t) => [composeReq(t)],
  evaluate: (facts, t, p) =>
    withCompose(facts, t, (c) => {
      const name = p.composeService;
      const svc = c.services[name];
      if (!svc) return fail(`the compose files have no service ${name}`, [`services: ${Object.keys(c.services).join(', ')}`]);
      const evidence = [`${line(t, svc.location)}  ${name}: profiles ${svc.profiles.length ? svc.profiles.join(', ') : 'none'}`];
      if (!svc.profiles.includes(p.profile)) return fail(`${name} is not in the ${p.profile} profile, so every \`up\` starts it`, evidence, { location: svc.location });
      return pass(`${name} starts only with --profile ${p.profile}`, evidence, { location: svc.location });
    }),
};
