import { z } from 'zod';
import { composeReq, devFiles, line, withService } from './compose-common.js';
import { fail, pass, type CheckKind } from '../types.js';

// A helper (a shell, a migration job) is a compose-only service, not one of the workspace's, so it is named as in the file.
const params = z.object({ composeService: z.string(), profile: z.string().optional() }).strict();
/**
 * A helper service in a profile is defined with the stack but started only when asked for. Any
 * profile keeps it out of a plain `up`; `profile` is the name the lab suggests, shown, not required.
 * The helper may be defined in the base file or in a development file.
 */
export const composeProfiles: CheckKind<z.infer<typeof params>> = {
  name: 'compose-profile',
  description: 'In the compose files (base or development), the service belongs to a profile, so a plain `up` does not start it.',
  params,
  needs: (t) => [composeReq(t, devFiles(t))],
  evaluate: (facts, t, p) =>
    withService(facts, t, p.composeService, (svc) => {
      const name = svc.name;
      const evidence = [`${line(t, svc.location)}  ${name}: profiles ${svc.profiles.length ? svc.profiles.join(', ') : 'none'}`];
      if (!svc.profiles.length) return fail(`${name} is in no profile, so every plain \`up\` starts it`, evidence, { location: svc.location });
      const other = p.profile && !svc.profiles.includes(p.profile) ? ` (the lab calls it ${p.profile}; any name works)` : '';
      return pass(`${name} starts only with --profile ${svc.profiles[0]}${other}`, evidence, { location: svc.location });
    }, devFiles(t)),
};
