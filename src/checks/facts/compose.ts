import { existsSync, readFileSync } from 'node:fs';
import { DojoError } from '../../errors.js';
import { locate, parseYaml, type YamlSource } from '../../content/yaml-source.js';

export interface ComposeVolume { kind: 'volume' | 'bind' | 'anonymous'; source: string | null; target: string; at: string }

export interface ComposeService {
  name: string;
  /** file:line where the service is defined (last file that mentions it). */
  at: string;
  image: string | null;
  build: boolean;
  healthcheck: boolean;
  dependsOn: Record<string, { condition: string; at: string }>;
  volumes: ComposeVolume[];
  networks: string[];
  ports: string[];
  user: string | null;
  environment: Record<string, string>;
}

export interface ComposeFacts {
  files: { path: string; exists: boolean }[];
  services: Record<string, ComposeService>;
  volumes: string[];
  networks: string[];
  problems: string[];
}

/** Compose files as Compose reads them: later files override the same service's keys. */
export function readCompose(files: string[]): ComposeFacts {
  const out: ComposeFacts = { files: files.map((path) => ({ path, exists: existsSync(path) })), services: {}, volumes: [], networks: [], problems: [] };
  for (const file of files.filter(existsSync)) {
    let src: YamlSource;
    try {
      src = parseYaml(file, readFileSync(file, 'utf8'));
    } catch (err) {
      out.problems.push(err instanceof DojoError ? err.message : String(err));
      continue;
    }
    const doc = (src.data ?? {}) as { services?: Record<string, Record<string, unknown>>; volumes?: object; networks?: object };
    const where = (path: (string | number)[]) => {
      const l = locate(src, path);
      return `${l.file}:${l.line}`;
    };
    out.volumes.push(...Object.keys(doc.volumes ?? {}));
    out.networks.push(...Object.keys(doc.networks ?? {}));
    for (const [name, raw] of Object.entries(doc.services ?? {})) {
      const s = raw ?? {};
      const prior = out.services[name];
      const depends = s.depends_on;
      const dependsOn = Array.isArray(depends)
        ? Object.fromEntries(depends.map((d: string, i) => [d, { condition: 'service_started', at: where(['services', name, 'depends_on', i]) }]))
        : Object.fromEntries(Object.entries((depends ?? {}) as Record<string, { condition?: string }>).map(([d, v]) => [d, { condition: v?.condition ?? 'service_started', at: where(['services', name, 'depends_on', d]) }]));
      out.services[name] = {
        name,
        at: where(['services', name]),
        image: (s.image as string) ?? prior?.image ?? null,
        build: s.build !== undefined || (prior?.build ?? false),
        healthcheck: s.healthcheck !== undefined ? !(s.healthcheck as { disable?: boolean }).disable : (prior?.healthcheck ?? false),
        dependsOn: depends !== undefined ? dependsOn : (prior?.dependsOn ?? {}),
        volumes: s.volumes !== undefined ? (s.volumes as unknown[]).map((v, i) => volume(v, where(['services', name, 'volumes', i]))) : (prior?.volumes ?? []),
        networks: s.networks !== undefined ? (Array.isArray(s.networks) ? (s.networks as string[]) : Object.keys(s.networks as object)) : (prior?.networks ?? []),
        ports: s.ports !== undefined ? (s.ports as unknown[]).map(String) : (prior?.ports ?? []),
        user: s.user !== undefined ? String(s.user) : (prior?.user ?? null),
        environment: { ...(prior?.environment ?? {}), ...env(s.environment) },
      };
    }
  }
  return out;
}

function volume(v: unknown, at: string): ComposeVolume {
  if (typeof v === 'string') {
    const [a, b] = v.split(':');
    if (b === undefined) return { kind: 'anonymous', source: null, target: a!, at };
    return { kind: /^[./~]/.test(a!) ? 'bind' : 'volume', source: a!, target: b, at };
  }
  const o = v as { type?: string; source?: string; target: string };
  return { kind: o.type === 'bind' ? 'bind' : o.source ? 'volume' : 'anonymous', source: o.source ?? null, target: o.target, at };
}

function env(e: unknown): Record<string, string> {
  if (Array.isArray(e)) return Object.fromEntries(e.map((x: string) => [x.split('=')[0]!, x.slice(x.indexOf('=') + 1)]));
  return Object.fromEntries(Object.entries((e ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v ?? '')]));
}
