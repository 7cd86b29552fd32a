/** A student's container, network and volume as the rules see them (from one inspect each). */
export interface ContainerFacts {
  name: string;
  id: string;
  image: string;
  /** The id of the image it was created from (a rebuild under the same tag has another). */
  imageId?: string;
  status: string;
  running: boolean;
  exitCode: number;
  /** When it last stopped (ISO), and the engine's error when it could not start ("port is already allocated"). */
  finishedAt: string | null;
  stateError: string;
  oomKilled: boolean;
  restartCount: number;
  health: string | null;
  user: string;
  /** The process environment (image ENV merged with the container's): rules show only named variables. */
  env: Record<string, string>;
  mounts: { type: string; name: string | null; source: string; destination: string; rw: boolean }[];
  networks: Record<string, { ip: string; aliases: string[] }>;
  ports: { container: string; host: string }[];
  capAdd: string[];
  capDrop: string[];
  privileged: boolean;
  readonlyRootfs: boolean;
  memoryLimit: number;
  /** `--security-opt` values as the engine keeps them (`no-new-privileges`, `no-new-privileges:true`…). */
  securityOpt: string[];
  /** null (or 0 / -1 from the engine) = no limit. */
  pidsLimit: number | null;
  /** CPUs × 10⁹ (`--cpus`); 0 = no limit. */
  nanoCpus: number;
  /** Paths with a tmpfs from `--tmpfs` / compose `tmpfs:` (those from `--mount type=tmpfs` are in `mounts`). */
  tmpfs: string[];
  /** The options of each of those (`ro`, `size=64m`…), as HostConfig.Tmpfs keeps them. */
  tmpfsOptions?: Record<string, string>;
  labels: Record<string, string>;
}

export interface NetworkFacts {
  name: string;
  driver: string;
  internal: boolean;
  containers: { name: string; ip: string }[];
}

export interface VolumeFacts {
  name: string;
  driver: string;
  usedBy: { name: string; destination: string | null }[];
}

export interface ComposeStackFacts {
  project: string;
  containers: {
    service: string;
    name: string;
    id: string;
    image: string;
    state: string;
    exitCode: number | null;
    /** The engine's reason when the container could not start ("port is already allocated"). */
    stateError: string;
    health: string | null;
    /** The output of the last failed health probe, shortened. */
    lastHealthFailure: string | null;
  }[];
}

/** The engine's default network gives no name resolution between containers. */
export const isUserDefined = (network: string): boolean => !['bridge', 'host', 'none', 'default'].includes(network);

/** Root is "" (unless the base sets a user), root, 0, 0:0, root:root, 0:group. */
export function isRootUser(user: string, passwd?: string): boolean {
  const name = user.split(':')[0]!.trim();
  if (name === '' || name === 'root' || name === '0') return true;
  if (/^\d+$/.test(name)) return false;
  const entry = passwd?.split('\n').find((l) => l.split(':')[0] === name);
  return entry ? entry.split(':')[2] === '0' : false;
}
