export interface HistoryEntry {
  createdBy: string;
  size: number;
  emptyLayer: boolean;
}

export interface ImageFacts {
  ref: string;
  id: string;
  /** When the image was built (ISO time). */
  created?: string;
  /** Bytes, from `image inspect` Size: uncompressed, all layers, as the classic store reports it. */
  size: number;
  /** The API version the figures came from: VirtualSize is gone from 1.44, so `size` is the API's Size. */
  apiVersion?: string;
  os: string;
  architecture: string;
  layers: number;
  config: {
    user: string;
    env: string[];
    cmd: string[] | null;
    entrypoint: string[] | null;
    workingDir: string;
    exposedPorts: string[];
    healthcheck: { test: string[] } | null;
    labels: Record<string, string>;
  };
  /** Newest first, as `docker history` prints it. */
  history: HistoryEntry[];
}

export interface PathStat {
  exists: boolean;
  size?: number;
  isDir?: boolean;
  linkTarget?: string;
}

export interface ElfFacts {
  isElf: boolean;
  /** The program interpreter (dynamic loader) a dynamically linked binary asks for. */
  interpreter: string | null;
}

export interface ImageFsFacts {
  paths: Record<string, PathStat>;
  /** Text of small files (first 64 KiB), e.g. /etc/passwd; absent when the file is not there. */
  files?: Record<string, string>;
  entrypoint: {
    path: string;
    from: 'ENTRYPOINT' | 'CMD';
    stat: PathStat;
    elf: ElfFacts | null;
    interpreterExists: boolean | null;
  } | null;
}

export const mb = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;
