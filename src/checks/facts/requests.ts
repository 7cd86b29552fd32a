/** The facts a check can ask for. Equal requests share one collection per run. */
import { factType, type FactRequest } from './registry.js';

export type { FactRequest } from './registry.js';
export type { DockerfileRequest } from './dockerfile.fact.js';
export type { ContextRequest } from './context.fact.js';
export type { ImageRequest } from './image.fact.js';
export type { ImageFsRequest } from './imagefs.fact.js';
export type { RunRequest } from './run.fact.js';
export type { RebuildRequest } from './rebuild.fact.js';
export type { ContainerRequest, NetworkRequest, VolumeRequest, ComposeStackRequest } from './runtime.fact.js';
export type { ComposeFileRequest } from './compose.fact.js';
export type { ComposeImageRequest } from './compose-image.fact.js';
export type { DnsProbeRequest } from './dns-probe.fact.js';
export type { MountRequest } from './mount.fact.js';
export type { ScanRequest } from './scan.fact.js';
export type { DiagnosisRequest } from './diagnosis.fact.js';
export type { LookalikeRequest } from './lookalike.fact.js';

export const factKey = (r: FactRequest): string => factType(r).key(r);

/** Requests for the same fact are merged (image filesystem probes ask for the union of paths). */
export function mergeRequests(requests: FactRequest[]): Map<string, FactRequest> {
  const merged = new Map<string, FactRequest>();
  for (const r of requests) {
    const key = factKey(r);
    const prior = merged.get(key);
    const type = factType(r);
    merged.set(key, prior ? (type.merge ? type.merge(prior, r) : prior) : r);
  }
  return merged;
}

export const needsEngine = (r: FactRequest): boolean => factType(r).engine;
