/** What kind of engine answers, as far as its version and info calls tell. */
export type EngineKind = 'Docker Engine' | 'Docker Desktop' | 'rootless Docker Engine' | 'Podman';

interface VersionLike { Components?: { Name?: string }[] }
interface InfoLike { OperatingSystem?: string; SecurityOptions?: string[] }

export function engineKind(version: VersionLike, info: InfoLike | undefined): EngineKind {
  if (version.Components?.some((c) => /podman/i.test(c.Name ?? ''))) return 'Podman';
  if (/docker desktop/i.test(info?.OperatingSystem ?? '')) return 'Docker Desktop';
  if (info?.SecurityOptions?.some((o) => o.includes('name=rootless'))) return 'rootless Docker Engine';
  return 'Docker Engine';
}

/**
 * What dojo can judge on such an engine. Podman answers image and inspect calls like Docker, but
 * its build API and container runtime differ (and on these machines it cannot start containers).
 */
export function limitsOf(kind: EngineKind): string[] {
  if (kind === 'Podman') {
    return [
      'image and Dockerfile checks: yes (image-size, no-toolchain, static-binary, USER, history)',
      'checks that start or build throwaway containers (container-starts, cache-reuse) and Compose checks: not supported on Podman; run them against Docker',
    ];
  }
  return [];
}
