import { z } from 'zod';
import { finalChain } from '../facts/dockerfile-model.js';
import type { ImageFsRequest } from '../facts/requests.js';
import { isRootUser } from '../facts/runtime-model.js';
import { isSecretName } from '../redact.js';
import { at, dockerfileReq, imageReq, withImage } from './common.js';
import { fail, pass, type CheckKind, type CheckTarget } from '../types.js';
import type { Facts } from '../facts/store.js';

const passwdReq = (t: CheckTarget): ImageFsRequest => ({ type: 'imagefs', ref: t.service.image, paths: [], entrypoint: false, files: ['/etc/passwd'] });

/** The Dockerfile line that set what the image shows, when the Dockerfile is readable. */
function dockerfileLine(facts: Facts, t: CheckTarget, keyword: string): string | null {
  try {
    const df = facts.get(dockerfileReq(t));
    const ins = finalChain(df).flatMap((s) => s.instructions).filter((i) => i.keyword === keyword).pop();
    return ins ? at(t, ins.line, `${keyword} ${ins.text}`) : `${keyword}: none in the final stage of ${t.service.dockerfile.split('/').slice(-2).join('/')} (inherited from the base, if any)`;
  } catch {
    return null;
  }
}

/** Judged from the built image (a USER can be inherited); names are resolved in its own /etc/passwd. */
export const imageUser: CheckKind<Record<string, never>> = {
  name: 'image-user',
  description: 'The image runs as a non-root user (numeric and name forms, resolved through the image /etc/passwd).',
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t), imageReq(t), passwdReq(t)],
  evaluate: (facts, t) =>
    withImage(facts, t, (img) => {
      const passwd = facts.get(passwdReq(t)).files?.['/etc/passwd'];
      const user = img.config.user;
      const line = dockerfileLine(facts, t, 'USER');
      const evidence = [`image config User: ${user === '' ? '(unset: root)' : JSON.stringify(user)}`, ...(line ? [line] : [])];
      return isRootUser(user, passwd) ? fail(`${t.service.image} runs as root`, evidence) : pass(`${t.service.image} runs as ${user}`, evidence);
    }),
};

export const imageHealthcheck: CheckKind<Record<string, never>> = {
  name: 'image-healthcheck',
  description: 'The image defines a HEALTHCHECK (its own or inherited).',
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t), imageReq(t)],
  evaluate: (facts, t) =>
    withImage(facts, t, (img) => {
      const line = dockerfileLine(facts, t, 'HEALTHCHECK');
      if (img.config.healthcheck) return pass(`HEALTHCHECK ${img.config.healthcheck.test.join(' ')}`, line ? [line] : []);
      return fail(`${t.service.image} has no HEALTHCHECK`, line ? [line] : []);
    }),
};

const exposesParams = z.object({ ports: z.array(z.union([z.number().int(), z.string()])).min(1) }).strict();
export const imageExposes: CheckKind<z.infer<typeof exposesParams>> = {
  name: 'image-exposes',
  description: 'The image documents the ports the service listens on (EXPOSE).',
  params: exposesParams,
  needs: (t) => [imageReq(t)],
  evaluate: (facts, t, p) =>
    withImage(facts, t, (img) => {
      const want = p.ports.map((x) => (String(x).includes('/') ? String(x) : `${x}/tcp`));
      const missing = want.filter((x) => !img.config.exposedPorts.includes(x));
      const evidence = [`exposed: ${img.config.exposedPorts.join(', ') || 'none'}`];
      return missing.length ? fail(`${t.service.image} does not expose ${missing.join(', ')}`, evidence) : pass(`${t.service.image} exposes ${want.join(', ')}`, evidence);
    }),
};

const secretsParams = z.object({ allow: z.array(z.string()).default([]) }).strict();
/** Names secret-looking variables baked into the image; never their values. */
export const imageEnvSecrets: CheckKind<z.infer<typeof secretsParams>> = {
  name: 'image-env-secrets',
  description: 'No secret-looking variable (PASSWORD, TOKEN, API_KEY...) has a value baked into the image.',
  params: secretsParams,
  needs: (t) => [imageReq(t)],
  evaluate: (facts, t, p) =>
    withImage(facts, t, (img) => {
      const baked = img.config.env
        .map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)] as const)
        .filter(([name, value]) => isSecretName(name) && value !== '' && !p.allow.includes(name));
      if (!baked.length) return pass(`no secret-looking variable in ${t.service.image}`);
      return fail(`${t.service.image} carries ${baked.map(([n]) => n).join(', ')}`, [
        `\`docker image inspect\` shows these to anyone who has the image (values not shown here): ${baked.map(([n]) => `${n}=****`).join(' ')}`,
      ]);
    }),
};
