import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FactRequest } from './facts/requests.js';
import type { Facts } from './facts/store.js';

/**
 * Explicit names, not "anything with KEY in it": PUBLIC_KEY, *_FILE, KMS_KEY_ALIAS are not secrets.
 * `*_PWD` (MYSQL_PWD) is a password; bare PWD is the shell's working directory.
 */
const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|(^|_)PASS($|_)|_PWD$|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i;
/**
 * Names that describe a secret's properties, not the secret: TOKEN_TTL, API_KEY_HEADER,
 * SECRET_NAME (a secret store's key), PASSWORD_MIN_LENGTH, TOKEN_EXPIRY.
 */
const NOT_SECRET = /(PUBLIC|_FILE$|_PATH$|_DIR$|KEY_ALIAS|_URL_TEMPLATE$|_TTL$|_HEADER$|_NAME$|_LENGTH$|_LEN$|(^|_)(MIN|MAX)_|_EXPIRY$|_EXPIRES?(_IN|_AFTER)?$|_LIFETIME$|_TIMEOUT$|_ALGORITHM$|_ALG$)/i;
const KEY_SHAPES = /\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|sk_live_[A-Za-z0-9]{16,}|xox[abpr]-[A-Za-z0-9-]{10,})|-----BEGIN [A-Z ]*PRIVATE KEY-----/g;
/** The password of `scheme://user:password@host`. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s/@]+)(@)/gi;
export const MASK = '****';

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name) && !NOT_SECRET.test(name);

/** A value that is a secret whatever its name: a known key format, or a URL with a password in it. */
export const hasSecretShape = (value: string): boolean => new RegExp(KEY_SHAPES.source).test(value) || new RegExp(URL_PASSWORD.source, 'i').test(value);

/** `NAME=value` pairs of an ENV/ARG/LABEL text or a history row (quotes removed). */
export function assignments(text: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const m of text.matchAll(/(?:^|\s|\|\d+\s)"?([A-Za-z_][A-Za-z0-9_.-]*)"?=("(?:[^"\\]|\\.)*"|'[^']*'|(?:\\\s|[^\s])*)/g)) {
    out.push({ name: m[1]!, value: m[2]!.replace(/^"([\s\S]*)"$|^'([\s\S]*)'$/, '$1$2') });
  }
  return out;
}

/** Values to hide, from what dojo read: image and container env, Dockerfile ENV/ARG, compose environments, and .env files. */
export function gatherSecrets(requests: FactRequest[], facts: Facts, dotenvDirs: string[]): string[] {
  const values = new Set<string>();
  const add = (pair: string) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*["']?(.*?)["']?\s*$/.exec(pair);
    // Flags and numbers (`SKIP_TOKEN_CHECK=true`) are not secrets, and masking them everywhere would garble the output.
    if (m && isSecretName(m[1]!) && m[2]!.length >= 4 && !/^(true|false|yes|no|none|null|\d+)$/i.test(m[2]!)) values.add(m[2]!);
  };
  for (const r of requests) {
    try {
      if (r.type === 'image') {
        const img = facts.get(r);
        img?.config.env.forEach(add);
        // Build arguments and ENV values stay in the history even when the config no longer shows them.
        img?.history.forEach((h) => assignments(h.createdBy).forEach((a) => add(`${a.name}=${a.value}`)));
        Object.entries(img?.config.labels ?? {}).forEach(([k, v]) => add(`${k.replace(/[^A-Za-z0-9_]/g, '_')}=${v}`));
      }
      if (r.type === 'container') {
        // A running container's environment (image ENV merged with -e/--env-file) holds what was passed at run time.
        Object.entries(facts.get(r)?.env ?? {}).forEach(([k, v]) => add(`${k}=${v}`));
      }
      if (r.type === 'compose') {
        for (const svc of Object.values(facts.get(r).services)) for (const [k, v] of Object.entries(svc.environment)) if (v) add(`${k}=${v}`);
      }
      if (r.type === 'dockerfile') {
        for (const s of facts.get(r).stages) {
          for (const i of s.instructions) if (i.keyword === 'ENV' || i.keyword === 'ARG') i.text.split(/\s+(?=[A-Za-z_][A-Za-z0-9_]*=)/).forEach(add);
        }
      }
    } catch {
      // a fact that could not be collected holds no secret
    }
  }
  for (const dir of dotenvDirs) {
    const file = join(dir, '.env');
    if (existsSync(file)) readFileSync(file, 'utf8').split(/\r?\n/).forEach(add);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join(MASK);
  out = out.replace(KEY_SHAPES, MASK).replace(URL_PASSWORD, `$1${MASK}$3`);
  return out.replace(/\b([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S+)/g, (m, name: string) => (isSecretName(name) ? `${name}=${MASK}` : m));
}

/** Deep copy with every string redacted: applied to a result before any renderer sees it. */
export function redact<T>(value: T, secrets: string[]): T {
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, secrets)])) as T;
  }
  return value;
}
