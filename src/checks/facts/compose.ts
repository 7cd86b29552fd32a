import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dotenv } from '../../workspace/compose-files.js';
import { composeConfig, pathsInMessage } from './compose-cli.js';
import type { ComposeFacts, ComposeService, ComposeVolume } from './compose-model.js';
import { locator, mergeByHand, parseFiles, rawFacts } from './compose-source.js';
import type { Location } from '../../errors.js';

export type { ComposeFacts, ComposeService, ComposeVolume } from './compose-model.js';

/**
 * The compose model as Compose itself resolves it (`config`), with every service and key traced
 * back to the line of the student's own file that wrote it.
 */
export async function readCompose(dir: string, files: string[], project: string, signal?: AbortSignal): Promise<ComposeFacts> {
  const present = files.filter((f) => existsSync(f));
  const out: ComposeFacts = {
    files: files.map((path) => ({ path, exists: existsSync(path) })), loader: 'yaml', loaderNote: '', project,
    services: {}, volumes: {}, networks: [], problems: [], raw: [],
  };
  if (!present.length) return out;
  const sources = parseFiles(present, out.problems);
  out.raw = rawFacts(sources);
  const where = locator(sources);
  if (out.problems.length) return out;
  const cli = await composeConfig(dir, present, project, signal);
  let data: unknown;
  if (cli?.error !== undefined) {
    out.loader = cli.loader;
    out.loaderNote = `${cli.loader === 'compose-v2' ? 'docker compose' : 'docker-compose'} ${cli.version} config`;
    const paths = pathsInMessage(cli.error);
    // Compose names the file with its absolute path; the location already says which file it is.
    const message = cli.error.split('\n').filter(Boolean).slice(-3).join(' ').replace(/validating \S+: /g, '').replace(/^(services\.\S+) (?=\1 )/, '');
    out.problems.push({ message, location: paths[0] ? where(paths[0]) : where([]) });
    return out;
  } else if (cli) {
    out.loader = cli.loader;
    out.loaderNote = `loaded with ${cli.loader === 'compose-v2' ? 'docker compose' : 'docker-compose'} ${cli.version} config`;
    data = cli.data;
  } else {
    out.loaderNote = 'neither `docker compose` nor `docker-compose` is installed: dojo merged the files with its own YAML reader (${VAR} from .env only; no extends, include or profiles rules)';
    data = mergeByHand(sources, { ...dotenv(join(dir, '.env')), ...(process.env as Record<string, string>) });
  }
  const doc = (data ?? {}) as { services?: Record<string, Record<string, unknown>>; volumes?: Record<string, { external?: unknown } | null>; networks?: object };
  for (const [name, s] of Object.entries(doc.volumes ?? {})) out.volumes[name] = { external: Boolean(s?.external) };
  out.networks = Object.keys(doc.networks ?? {});
  for (const [name, s] of Object.entries(doc.services ?? {})) out.services[name] = service(name, s ?? {}, dir, where);
  return out;
}

function service(name: string, s: Record<string, unknown>, dir: string, where: (p: (string | number)[]) => Location): ComposeService {
  const at = (...p: (string | number)[]) => where(['services', name, ...p]);
  const depends = s.depends_on;
  const dependsOn = Array.isArray(depends)
    ? Object.fromEntries(depends.map((d: string) => [d, { condition: 'service_started', location: at('depends_on') }]))
    : Object.fromEntries(Object.entries((depends ?? {}) as Record<string, { condition?: string } | null>).map(([d, v]) => [d, { condition: v?.condition ?? 'service_started', location: at('depends_on', d) }]));
  const hc = s.healthcheck as { test?: string | string[]; disable?: boolean } | undefined;
  const b = s.build as string | { context?: string; dockerfile?: string; target?: string } | undefined;
  const build = b === undefined ? null : typeof b === 'string' ? { context: resolve(dir, b), dockerfile: null, target: null } : { context: resolve(dir, b.context ?? '.'), dockerfile: b.dockerfile ?? null, target: b.target ?? null };
  const env = s.environment;
  return {
    name,
    location: at(),
    image: (s.image as string | undefined) ?? null,
    build,
    healthcheck: hc ? { test: typeof hc.test === 'string' ? [hc.test] : (hc.test ?? []), disabled: Boolean(hc.disable) || (Array.isArray(hc.test) && hc.test[0] === 'NONE'), location: at('healthcheck') } : null,
    dependsOn,
    volumes: ((s.volumes ?? []) as unknown[]).map((v, i) => volume(v, dir, at('volumes', i))),
    networks: Array.isArray(s.networks) ? (s.networks as string[]) : Object.keys((s.networks ?? {}) as object),
    ports: ((s.ports ?? []) as unknown[]).map(port),
    portsLocation: s.ports !== undefined && s.ports !== null ? at('ports') : null,
    user: s.user !== undefined && s.user !== null ? String(s.user) : null,
    environment: Array.isArray(env)
      ? Object.fromEntries(env.map((x: string) => (x.includes('=') ? [x.slice(0, x.indexOf('=')), x.slice(x.indexOf('=') + 1)] : [x, null])))
      : Object.fromEntries(Object.entries((env ?? {}) as Record<string, unknown>).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)])),
    command: (s.command as string | string[] | null | undefined) ?? null,
    entrypoint: (s.entrypoint as string | string[] | null | undefined) ?? null,
    workingDir: typeof s.working_dir === 'string' ? s.working_dir : null,
    commandLocation: s.command !== undefined && s.command !== null ? at('command') : null,
    profiles: (s.profiles as string[] | undefined) ?? [],
  };
}

/** Short (`src:target:mode`) and long forms, as Compose v1 and v2 print them and students write them. */
function volume(v: unknown, dir: string, location: Location): ComposeVolume {
  if (typeof v === 'string') {
    const parts = v.split(':');
    if (parts.length === 1) return { kind: 'anonymous', source: null, target: parts[0]!, readOnly: false, location };
    const [a, b, mode] = parts as [string, string, string?];
    const bind = /^[./~]/.test(a);
    return { kind: bind ? 'bind' : 'volume', source: bind ? resolve(dir, a) : a, target: b, readOnly: /\bro\b/.test(mode ?? ''), location };
  }
  const o = v as { type?: string; source?: string; target: string; read_only?: boolean };
  const kind = o.type === 'bind' ? 'bind' : o.type === 'tmpfs' ? 'tmpfs' : o.source ? 'volume' : 'anonymous';
  return { kind, source: o.source ? (kind === 'bind' ? resolve(dir, o.source) : o.source) : null, target: o.target, readOnly: Boolean(o.read_only), location };
}

function port(p: unknown): { published: string | null; target: string } {
  if (typeof p === 'object' && p) {
    const o = p as { published?: string | number; target: number };
    return { published: o.published !== undefined && o.published !== '' ? String(o.published) : null, target: String(o.target) };
  }
  const parts = String(p).split('/')[0]!.split(':');
  return { published: parts.length > 1 ? parts[parts.length - 2]! : null, target: parts[parts.length - 1]! };
}
