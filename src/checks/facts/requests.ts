/** The facts a check can ask for. Equal requests share one collection per run. */
export type DockerfileRequest = { type: 'dockerfile'; path: string; buildArgs: Record<string, string> };
export type ContextRequest = { type: 'context'; dir: string };
export type ImageRequest = { type: 'image'; ref: string };
export type ImageFsRequest = { type: 'imagefs'; ref: string; paths: string[]; entrypoint: boolean; files?: string[] };
export type RunRequest = { type: 'run'; ref: string; seconds: number };
export type RebuildRequest = { type: 'rebuild'; context: string; dockerfile: string; buildArgs: Record<string, string>; timeoutSec: number };
export type ContainerRequest = { type: 'container'; name: string };
export type NetworkRequest = { type: 'network'; name: string };
export type VolumeRequest = { type: 'volume'; name: string };
export type ComposeFileRequest = { type: 'compose'; files: string[] };
export type ComposeStackRequest = { type: 'composestack'; project: string };
export type FactRequest =
  | DockerfileRequest | ContextRequest | ImageRequest | ImageFsRequest | RunRequest | RebuildRequest
  | ContainerRequest | NetworkRequest | VolumeRequest | ComposeFileRequest | ComposeStackRequest;

export function factKey(r: FactRequest): string {
  switch (r.type) {
    case 'dockerfile':
      return `dockerfile:${r.path}:${JSON.stringify(r.buildArgs)}`;
    case 'context':
      return `context:${r.dir}`;
    case 'image':
    case 'imagefs':
      return `${r.type}:${r.ref}`;
    case 'run':
      return `run:${r.ref}:${r.seconds}`;
    case 'rebuild':
      return `rebuild:${r.context}:${r.dockerfile}:${JSON.stringify(r.buildArgs)}`;
    case 'container':
    case 'network':
    case 'volume':
      return `${r.type}:${r.name}`;
    case 'compose':
      return `compose:${r.files.join(',')}`;
    case 'composestack':
      return `composestack:${r.project}`;
  }
}

/** Requests for the same fact are merged (image filesystem probes ask for the union of paths). */
export function mergeRequests(requests: FactRequest[]): Map<string, FactRequest> {
  const merged = new Map<string, FactRequest>();
  for (const r of requests) {
    const key = factKey(r);
    const prior = merged.get(key);
    if (prior?.type === 'imagefs' && r.type === 'imagefs') {
      merged.set(key, {
        ...prior,
        paths: [...new Set([...prior.paths, ...r.paths])],
        entrypoint: prior.entrypoint || r.entrypoint,
        files: [...new Set([...(prior.files ?? []), ...(r.files ?? [])])],
      });
    } else if (!prior) {
      merged.set(key, r);
    }
  }
  return merged;
}

export const needsEngine = (r: FactRequest): boolean => !['dockerfile', 'context', 'compose'].includes(r.type);
