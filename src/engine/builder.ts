import type { Engine } from './client.js';
import { runTool } from './tool-run.js';

/** Which builder dojo's probe builds use on this engine, and why. */
export interface BuilderInfo {
  kind: 'buildkit' | 'classic';
  /** As the evidence names it: "BuildKit (docker buildx 0.13.1)" or "classic builder". */
  name: string;
  why: string;
}

/**
 * BuildKit through `docker buildx build`, when the buildx plugin answers and the engine's API has
 * BuildKit (1.39+): its plain progress says which steps came from cache, and `--output
 * type=cacheonly` builds without creating an image. Without the plugin, the engine's classic builder.
 * (Measured on Engine 26.1: the API's BuildKit path takes the context as the request body too, but
 * streams its progress as base64 protobuf that dojo would have to decode.)
 */
export function detectBuilder(engine: Engine): Promise<BuilderInfo> {
  const key = engine.endpoint.url;
  let found = cache.get(key);
  if (!found) {
    found = probe(engine);
    cache.set(key, found);
  }
  return found;
}
const cache = new Map<string, Promise<BuilderInfo>>();

async function probe(engine: Engine): Promise<BuilderInfo> {
  const want = process.env.DOJO_BUILDER ?? 'auto';
  if (want === 'classic') return { kind: 'classic', name: 'classic builder', why: 'DOJO_BUILDER=classic' };
  if (engine.version.Components?.some((c) => /podman/i.test(c.Name ?? ''))) {
    return { kind: 'classic', name: 'classic builder', why: 'Podman has no BuildKit' };
  }
  if (apiBelow(engine.version.ApiVersion, '1.39')) {
    return { kind: 'classic', name: 'classic builder', why: `the engine's API ${engine.version.ApiVersion} predates BuildKit (1.39)` };
  }
  const r = await runTool('docker', ['buildx', 'version'], { timeoutMs: 10_000, env: cliEnv(engine) });
  const version = r.exitCode === 0 ? /\b(v?\d+\.\d+\.\d+)/.exec(r.stdout)?.[1] : undefined;
  if (!version) return { kind: 'classic', name: 'classic builder', why: 'no `docker buildx` plugin' };
  return { kind: 'buildkit', name: `BuildKit (docker buildx ${version.replace(/^v/, '')})`, why: `docker buildx ${version.replace(/^v/, '')}, engine API ${engine.version.ApiVersion}` };
}

export const apiBelow = (v: string, min: string): boolean => {
  const [a, b] = v.split('.').map(Number);
  const [c, d] = min.split('.').map(Number);
  return a! < c! || (a === c && b! < d!);
};

/** The environment that makes the docker CLI talk to the engine dojo talks to. */
export function cliEnv(engine: Engine): Record<string, string> {
  const e = engine.endpoint;
  // A context is read by the CLI from the same config dojo read it from.
  if (e.source.startsWith('docker context')) return {};
  const env: Record<string, string> = { DOCKER_HOST: e.url };
  if (e.tls) Object.assign(env, { DOCKER_CERT_PATH: e.tls.certDir }, e.tls.verify ? { DOCKER_TLS_VERIFY: '1' } : { DOCKER_TLS: '1' });
  return env;
}

/**
 * The BuildKit-only instruction the engine's built-in Dockerfile frontend cannot build, if any.
 * Offline the probe cannot pull docker/dockerfile, so the built-in one is all there is: RUN --mount
 * is known since Engine 20.10 (BuildKit 0.8), heredocs, COPY --link and --chmod since Engine 23
 * (API 1.42, Dockerfile 1.4); COPY --parents and --exclude were labs-only in every engine here.
 */
export function beyondBuiltinFrontend<T extends { what: string }>(needs: T[], apiVersion: string): T | undefined {
  return needs.find((n) => /--(parents|exclude)$/.test(n.what) || (n.what !== 'RUN --mount' && apiBelow(apiVersion, '1.42')));
}
