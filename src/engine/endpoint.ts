import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Endpoint {
  /** As a person would write it: unix:///var/run/docker.sock, tcp://host:2376 */
  url: string;
  /** Where the setting came from. */
  source: string;
}

/**
 * The endpoint the docker CLI would use: DOCKER_HOST, then the current docker context, then the
 * default socket, then the rootless and Docker Desktop sockets.
 */
export function resolveEndpoint(env = process.env, home = homedir()): Endpoint {
  if (env.DOCKER_HOST) return { url: env.DOCKER_HOST, source: 'DOCKER_HOST' };
  const fromContext = contextEndpoint(env, home);
  if (fromContext) return fromContext;
  const candidates: [string, string][] = [
    ['/var/run/docker.sock', 'default socket'],
    [join(env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? 1000}`, 'docker.sock'), 'rootless socket'],
    [join(home, '.docker', 'run', 'docker.sock'), 'Docker Desktop socket'],
  ];
  const found = candidates.find(([p]) => existsSync(p)) ?? candidates[0]!;
  return { url: `unix://${found[0]}`, source: found[1] };
}

function contextEndpoint(env: NodeJS.ProcessEnv, home: string): Endpoint | undefined {
  try {
    const configDir = env.DOCKER_CONFIG ?? join(home, '.docker');
    const name = env.DOCKER_CONTEXT ?? (JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { currentContext?: string }).currentContext;
    if (!name || name === 'default') return undefined;
    const id = createHash('sha256').update(name).digest('hex');
    const meta = JSON.parse(readFileSync(join(configDir, 'contexts', 'meta', id, 'meta.json'), 'utf8')) as {
      Endpoints?: { docker?: { Host?: string } };
    };
    const host = meta.Endpoints?.docker?.Host;
    return host ? { url: host, source: `docker context "${name}"` } : undefined;
  } catch {
    return undefined;
  }
}

/** dockerode connection options for an endpoint URL. */
export function dockerodeOptions(url: string): Record<string, unknown> {
  if (url.startsWith('unix://')) return { socketPath: url.slice('unix://'.length) };
  if (url.startsWith('npipe://')) return { socketPath: url.slice('npipe://'.length) };
  const u = new URL(url.replace(/^tcp:/, 'http:'));
  const tls = process.env.DOCKER_TLS_VERIFY === '1' || u.port === '2376';
  const certs = process.env.DOCKER_CERT_PATH;
  return {
    host: u.hostname,
    port: Number(u.port || (tls ? 2376 : 2375)),
    protocol: tls ? 'https' : 'http',
    ...(tls && certs
      ? { ca: readFileSync(join(certs, 'ca.pem')), cert: readFileSync(join(certs, 'cert.pem')), key: readFileSync(join(certs, 'key.pem')) }
      : {}),
  };
}
