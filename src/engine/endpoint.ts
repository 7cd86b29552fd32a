import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DojoError, ExitCode } from '../errors.js';

export interface Endpoint {
  /** As a person would write it: unix:///var/run/docker.sock, tcp://host:2376 */
  url: string;
  /** Where the setting came from. */
  source: string;
  /** TLS as the docker CLI would use it for this endpoint; absent = plain. */
  tls?: { verify: boolean; certDir: string };
}

type Exists = (path: string) => boolean;

/**
 * The endpoint the docker CLI would use: DOCKER_HOST, then DOCKER_CONTEXT or the current context
 * of the CLI's config, then the default socket, then the rootless and Docker Desktop sockets.
 */
export function resolveEndpoint(env = process.env, home = homedir(), exists: Exists = existsSync): Endpoint {
  const configDir = env.DOCKER_CONFIG || join(home, '.docker');
  if (env.DOCKER_HOST) return { url: env.DOCKER_HOST, source: 'DOCKER_HOST', ...envTls(env, configDir) };
  const fromContext = contextEndpoint(env, configDir);
  if (fromContext) return fromContext;
  const uid = process.getuid?.() ?? 1000;
  const candidates: [string, string][] = [
    ['/var/run/docker.sock', 'default socket'],
    [join(env.XDG_RUNTIME_DIR || `/run/user/${uid}`, 'docker.sock'), 'rootless socket'],
    [join(home, '.docker', 'run', 'docker.sock'), 'Docker Desktop socket'],
  ];
  const found = candidates.find(([p]) => exists(p)) ?? candidates[0]!;
  return { url: `unix://${found[0]}`, source: found[1] };
}

/** DOCKER_TLS_VERIFY (any non-empty value) verifies; DOCKER_TLS alone encrypts without verifying. */
function envTls(env: NodeJS.ProcessEnv, configDir: string): Pick<Endpoint, 'tls'> {
  if (!env.DOCKER_HOST?.startsWith('tcp://')) return {};
  const verify = !!env.DOCKER_TLS_VERIFY;
  if (!verify && !env.DOCKER_TLS) return {};
  return { tls: { verify, certDir: env.DOCKER_CERT_PATH || configDir } };
}

function contextEndpoint(env: NodeJS.ProcessEnv, configDir: string): Endpoint | undefined {
  let name = env.DOCKER_CONTEXT;
  if (!name) {
    try {
      name = (JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as { currentContext?: string }).currentContext;
    } catch {
      return undefined;
    }
  }
  if (!name || name === 'default') return undefined;
  const id = createHash('sha256').update(name).digest('hex');
  const metaFile = join(configDir, 'contexts', 'meta', id, 'meta.json');
  let docker: { Host?: string; SkipTLSVerify?: boolean } | undefined;
  try {
    docker = (JSON.parse(readFileSync(metaFile, 'utf8')) as { Endpoints?: { docker?: typeof docker } }).Endpoints?.docker;
  } catch {
    // The docker CLI refuses a current context it cannot read; dojo does the same, naming it.
    throw new DojoError({
      code: 'E_ENGINE_CONTEXT',
      message: `the docker context "${name}" (${env.DOCKER_CONTEXT ? 'DOCKER_CONTEXT' : `${join(configDir, 'config.json')}`}) has no readable ${metaFile}`,
      suggestion: 'Run `docker context ls` and `docker context use <name>`, or unset DOCKER_CONTEXT.',
      exitCode: ExitCode.engineUnreachable,
    });
  }
  if (!docker?.Host) return undefined;
  const tlsDir = join(configDir, 'contexts', 'tls', id, 'docker');
  const tls = docker.Host.startsWith('tcp://') && existsSync(tlsDir) ? { tls: { verify: !docker.SkipTLSVerify, certDir: tlsDir } } : {};
  return { url: docker.Host, source: `docker context "${name}"`, ...tls };
}

/** dockerode connection options for an endpoint; missing TLS files are the student's setup, exit 3. */
export function dockerodeOptions(endpoint: Endpoint, read: (file: string) => Buffer = readFileSync): Record<string, unknown> {
  const { url } = endpoint;
  if (url.startsWith('unix://')) return { socketPath: url.slice('unix://'.length) };
  if (url.startsWith('npipe://')) return { socketPath: url.slice('npipe://'.length) };
  const u = new URL(url.replace(/^tcp:/, 'http:'));
  const tls = endpoint.tls;
  if (!tls) return { host: u.hostname, port: Number(u.port || 2375), protocol: 'http' };
  const pem = (name: string, required: boolean): Buffer | undefined => {
    try {
      return read(join(tls.certDir, name));
    } catch {
      if (!required) return undefined;
      throw new DojoError({
        code: 'E_ENGINE_TLS',
        message: `TLS for ${url} (${endpoint.source}) needs ${join(tls.certDir, name)}, which cannot be read`,
        suggestion: 'Point DOCKER_CERT_PATH at the folder with ca.pem, cert.pem and key.pem (as the docker CLI expects), or fix the context with `docker context inspect`.',
        exitCode: ExitCode.engineUnreachable,
      });
    }
  };
  return {
    host: u.hostname,
    port: Number(u.port || 2376),
    protocol: 'https',
    ca: pem('ca.pem', tls.verify),
    cert: pem('cert.pem', false),
    key: pem('key.pem', false),
    // Without DOCKER_TLS_VERIFY the CLI encrypts but does not check the server; so does dojo
    // (docker-modem passes no rejectUnauthorized of its own, only an agent).
    ...(tls.verify ? {} : { agent: new Agent({ rejectUnauthorized: false }) }),
  };
}
