import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, type Node } from 'yaml';
import { DojoError, type Location } from '../../errors.js';
import { locate, parseYaml, type YamlSource } from '../../content/yaml-source.js';
import { isSecretName } from '../redact.js';
import type { ComposeFacts, RawEnv } from './compose-model.js';

type Doc = { services?: Record<string, Record<string, unknown> | null> } & Record<string, unknown>;

/** Each compose file parsed with positions; a syntax error becomes a problem at its file:line. */
export function parseFiles(files: string[], problems: ComposeFacts['problems']): YamlSource[] {
  const out: YamlSource[] = [];
  for (const file of files) {
    try {
      out.push(parseYaml(file, readFileSync(file, 'utf8')));
    } catch (err) {
      if (!(err instanceof DojoError)) throw err;
      problems.push({ message: err.message.replace(/^.*?: invalid YAML/, 'invalid YAML'), location: err.location });
    }
  }
  return out;
}

const has = (src: YamlSource, path: (string | number)[]) => src.doc.hasIn(path);

/** The line of `path` in the last file that writes it; else the nearest parent written anywhere. */
export function locator(sources: YamlSource[]) {
  return (path: (string | number)[]): Location => {
    for (let n = path.length; n > 0; n--) {
      const src = [...sources].reverse().find((s) => has(s, path.slice(0, n)));
      if (src) return keyAt(src, path.slice(0, n));
    }
    return sources[0] ? { file: sources[0].file, line: 1 } : { file: '?', line: 1 };
  };
}

/** Where the key of a mapping entry is written (its value may start on the next line); list items as they are. */
export function keyAt(src: YamlSource, path: (string | number)[]): Location {
  const last = path[path.length - 1];
  const parent = (path.length > 1 ? src.doc.getIn(path.slice(0, -1), true) : src.doc.contents) as Node | null;
  if (typeof last === 'string' && isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === last);
    const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
    if (range) {
      const pos = src.lines.linePos(range[0]);
      return { file: src.file, line: pos.line + src.lineOffset, column: pos.col };
    }
  }
  return locate(src, path);
}

/** What the student wrote in each file: secret-looking variables, bind mounts, commands. */
export function rawFacts(sources: YamlSource[]): ComposeFacts['raw'] {
  return sources.map((src) => {
    const doc = (src.data ?? {}) as Doc;
    const raw: ComposeFacts['raw'][number] = { file: src.file, env: [], binds: [], commands: [] };
    for (const [service, s] of Object.entries(doc.services ?? {})) {
      if (!s) continue;
      const env = s.environment;
      const pairs: [string, unknown, (string | number)[]][] = Array.isArray(env)
        ? env.map((e, i) => {
            const text = String(e);
            return [text.split('=')[0]!, text.includes('=') ? text.slice(text.indexOf('=') + 1) : null, ['services', service, 'environment', i]];
          })
        : Object.entries((env ?? {}) as Record<string, unknown>).map(([k, v]) => [k, v, ['services', service, 'environment', k]]);
      for (const [name, value, path] of pairs) {
        const how = secretSource(name, value);
        if (how) raw.env.push({ service, name, literal: how === 'literal' || how === 'default' || how === 'url', how, location: keyAt(src, path) });
      }
      ((s.volumes ?? []) as unknown[]).forEach((v, i) => {
        const b = bindOf(v, dirname(src.file));
        if (b) raw.binds.push({ service, ...b, location: keyAt(src, ['services', service, 'volumes', i]) });
      });
      for (const key of ['command', 'entrypoint'] as const) if (s[key] !== undefined) raw.commands.push({ service, key, location: keyAt(src, ['services', service, key]) });
    }
    return raw;
  });
}

/** A `${VAR:-value}` or `${VAR-value}` whose default is written out: the default is committed with the file. */
const WRITTEN_DEFAULT = /\$\{[A-Za-z_][A-Za-z0-9_]*:?-[^}]+\}/;
/** user:password@ in a URL, unless the password is a `${...}` reference. */
const URL_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:(?!\$\{[^}]*\}@)[^\s@/]+@/i;

/** How a variable's value is written, when it carries a secret; null when it carries none. */
export function secretSource(name: string, value: unknown): RawEnv['how'] | null {
  const text = value === null || value === undefined ? null : String(value);
  if (text !== null && URL_PASSWORD.test(text)) return 'url';
  if (!isSecretName(name)) return null;
  if (text === null || text === '') return 'passthrough';
  if (WRITTEN_DEFAULT.test(text)) return 'default';
  return text.includes('${') ? 'reference' : 'literal';
}

function bindOf(v: unknown, base: string): { source: string; target: string } | null {
  if (typeof v === 'string') {
    const [a, b] = v.split(':');
    return b !== undefined && /^[./~]/.test(a!) ? { source: resolve(base, a!), target: b } : null;
  }
  const o = (v ?? {}) as { type?: string; source?: string; target?: string };
  return o.type === 'bind' && o.source && o.target ? { source: resolve(base, o.source), target: o.target } : null;
}

/**
 * The fallback when no Compose is installed: later files override earlier ones key by key (lists
 * of volumes and ports are joined), `${VAR}` and `${VAR:-default}` read from the environment and .env.
 */
export function mergeByHand(sources: YamlSource[], vars: Record<string, string>): Doc {
  const merged: Doc = {};
  for (const src of sources) deepMerge(merged, interpolate(src.data ?? {}, vars) as Record<string, unknown>);
  return merged;
}

function deepMerge(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(from)) {
    const prior = into[k];
    if (Array.isArray(prior) && Array.isArray(v) && ['volumes', 'ports', 'expose', 'profiles'].includes(k)) into[k] = [...prior, ...v];
    else if (prior && v && typeof prior === 'object' && typeof v === 'object' && !Array.isArray(prior) && !Array.isArray(v)) deepMerge(prior as Record<string, unknown>, v as Record<string, unknown>);
    else into[k] = v;
  }
}

function interpolate(v: unknown, vars: Record<string, string>): unknown {
  if (typeof v === 'string') return v.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_, name: string, def?: string) => vars[name] ?? def ?? '');
  if (Array.isArray(v)) return v.map((x) => interpolate(x, vars));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, interpolate(x, vars)]));
  return v;
}
