import { z } from 'zod';
import { composeReq, line, withCompose } from './compose-common.js';
import { fail, pass, type CheckKind } from '../types.js';
import { MASK } from '../redact.js';
import type { RawEnv } from '../facts/compose-model.js';

const WRITTEN: Record<RawEnv['how'], string> = {
  literal: `${MASK} (literal)`,
  default: `\${...:-${MASK}} (a default written in the file)`,
  url: `a URL with the password ${MASK} written in it`,
  reference: 'from a ${...} reference',
  passthrough: 'passed through from the environment Compose runs in',
};

const params = z.object({ allow: z.array(z.string()).default([]) }).strict();
/**
 * Judged on what the student wrote, not on the resolved model (where `${VAR}` is already filled
 * in): a secret must come from an env file, the shell or a `${VAR}` reference, with no default
 * written next to it and no password inside a URL. Values never shown.
 */
export const composeSecrets: CheckKind<z.infer<typeof params>> = {
  name: 'compose-secrets',
  description: 'No secret (PASSWORD, PASS, TOKEN, API_KEY..., a `${VAR:-default}`, a password inside a URL) is written in the compose files.',
  params,
  needs: (t) => [composeReq(t)],
  evaluate: (facts, t, p) =>
    withCompose(facts, t, (c) => {
      const all = c.raw.flatMap((r) => r.env).filter((e) => !p.allow.includes(e.name));
      const shown = (e: RawEnv) => `${line(t, e.location)}  ${e.service}: ${e.name}${e.how === 'literal' ? '=' : ' '}${WRITTEN[e.how]}`;
      const literal = all.filter((e) => e.literal);
      if (literal.length) {
        return fail(`${literal.map((e) => `${e.service}: ${e.name}`).join(', ')} written in the compose file`, [
          ...literal.map(shown),
          'the file is committed to Git and `docker compose config` or `docker inspect` shows the value to anyone',
        ], { location: literal[0]!.location });
      }
      return pass(all.length ? 'secrets come from references or the environment, not from the file' : 'no secret-looking variable is written in the compose files', all.map(shown));
    }),
};
