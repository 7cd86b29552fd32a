import type Docker from 'dockerode';
import { engineUnreachable } from '../errors.js';
import { dockerodeOptions, resolveEndpoint, type Endpoint } from './endpoint.js';
import { withTimeout } from './timeout.js';

export interface Engine {
  docker: Docker;
  endpoint: Endpoint;
  version: { Version: string; ApiVersion: string; Os?: string; Arch?: string; Components?: { Name?: string }[] };
}

let connecting: Promise<Engine> | undefined;

/** Loads dockerode only when a command needs the engine, and fails fast when it does not answer. */
export function connectEngine(timeoutMs = 5_000): Promise<Engine> {
  connecting ??= (async () => {
    const endpoint = resolveEndpoint();
    const { default: DockerCtor } = await import('dockerode');
    const docker = new DockerCtor({ ...dockerodeOptions(endpoint), timeout: 120_000 });
    try {
      const version = (await withTimeout(docker.version(), timeoutMs, 'the engine version call')) as Engine['version'];
      return { docker, endpoint, version };
    } catch (err) {
      throw engineUnreachable(endpoint.url, describe(err));
    }
  })();
  return connecting;
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { statusCode?: number };
  if (e.code === 'ENOENT') return 'no socket there';
  if (e.code === 'EACCES') return 'permission denied on the socket: is your user in the docker group?';
  if (e.code === 'ECONNREFUSED') return 'connection refused';
  if (e.code === 'ENOTFOUND') return 'no such host';
  if (e.code && /CERT|SELF_SIGNED|SSL|TLS|VERIFY/i.test(e.code)) return `TLS: the engine's certificate was refused (${e.code}): is ca.pem in DOCKER_CERT_PATH the CA that signed it?`;
  if (/ssl|tls|certificate|handshake/i.test(e.message ?? '')) return `TLS: ${e.message}`;
  return e.message ?? String(err);
}
