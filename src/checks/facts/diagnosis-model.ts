/** What `dojo diagnose` and the break-fix checks read of one container (inspect, logs, neighbours). */
export interface DiagnosisFacts {
  found: boolean;
  name: string;
  id: string;
  image: string;
  /** The names the container's image id carries now: a container started by id or digest still runs a named image. */
  imageTags: string[];
  /** The image's platform and the engine's, to explain "exec format error". */
  imageArch: string | null;
  engineArch: string | null;
  status: string;
  running: boolean;
  exitCode: number;
  oomKilled: boolean;
  /** The engine logged an `oom` event for it since its last start (OOMKilled can miss a kill the exit overtook). */
  oomEvent: boolean;
  /** The engine's own error (a start that failed: port taken, exec format, missing binary). */
  error: string | null;
  startedAt: string | null;
  restartCount: number;
  restartPolicy: string;
  health: { status: string; failingStreak: number; lastOutput: string | null } | null;
  user: string;
  /** Variable names only (values never leave the collector); `empty` are set to "". */
  env: { names: string[]; empty: string[] };
  memoryLimit: number;
  networkMode: string;
  networks: Record<string, { ip: string; aliases: string[] }>;
  /** Published (`host` set) and exposed-only ports, as `8080/tcp`. */
  ports: { container: string; host: string | null }[];
  mounts: { type: string; source: string; destination: string; rw: boolean; name: string | null }[];
  /** The last lines of its logs, oldest first. */
  logs: string[];
  /** Every other container on the engine with the names it answers to, per network. */
  others: { name: string; networks: Record<string, string[]> }[];
  /** TCP listeners inside its network namespace (read through a throwaway container), or why not. */
  listeners: { address: string; port: number }[] | null;
  listenersNote: string | null;
}

export const missingContainer = (name: string): DiagnosisFacts => ({
  found: false, name, id: '', image: '', imageTags: [], imageArch: null, engineArch: null, status: 'missing', running: false, exitCode: 0,
  oomKilled: false, oomEvent: false, error: null, startedAt: null, restartCount: 0, restartPolicy: '', health: null, user: '',
  env: { names: [], empty: [] }, memoryLimit: 0, networkMode: '', networks: {}, ports: [], mounts: [], logs: [], others: [],
  listeners: null, listenersNote: null,
});

/** Loopback addresses: a listener bound there is unreachable from outside its container. */
export const isLoopback = (address: string): boolean => address.startsWith('127.') || address === '::1';
