import { z } from 'zod';
import { composeReq, line, withCompose } from './compose-common.js';
import { fail, pass, type CheckKind } from '../types.js';
import { MASK } from '../redact.js';

const params = z.object({ allow: z.array(z.string()).default([]) }).strict();
/**
 * Judged on what the student wrote, not on the resolved model (where `${VAR}` is already filled
 * in): a secret-looking variable must come from an env file or a `${VAR}` reference. Values never shown.
 */
export const composeSecrets: CheckKind<z.infer<typeof params>> = {
  name: 'compose-secrets',
  description: 'No secret-looking variable (PASSWORD, TOKEN, API_KEY...) is written as a literal in the compose files.',
  params,
  needs: (t) => [composeReq(t)],
  evaluate: (facts, t, p) =>
    withCompose(facts, t, (c) => {
      const all = c.raw.flatMap((r) => r.env).filter((e) => !p.allow.includes(e.name));
      const literal = all.filter((e) => e.literal);
      if (literal.length) {
        return fail(`${literal.map((e) => `${e.service}: ${e.name}`).join(', ')} written as a literal value in the compose file`, [
          ...literal.map((e) => `${line(t, e.location)}  ${e.service}: ${e.name}=${MASK} (literal)`),
          'the file is committed to Git and `docker compose config` or `docker inspect` shows the value to anyone',
        ], { location: literal[0]!.location });
      }
      const refs = all.map((e) => `${line(t, e.location)}  ${e.service}: ${e.name} from a \${...} reference`);
      return pass(all.length ? 'secret-looking variables come from references, not literals' : 'no secret-looking variable is written in the compose files', refs);
    }),
};
