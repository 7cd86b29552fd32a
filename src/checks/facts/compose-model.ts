import type { Location } from '../../errors.js';

/** How a compose model was made: by Compose itself (v2 or v1 `config`), or by dojo's YAML fallback. */
export type ComposeLoader = 'compose-v2' | 'compose-v1' | 'yaml';

export interface ComposeVolume { kind: 'volume' | 'bind' | 'anonymous' | 'tmpfs'; source: string | null; target: string; readOnly: boolean; location: Location }

export interface ComposeService {
  name: string;
  /** Where the service is defined in the student's files (the last file that mentions it). */
  location: Location;
  image: string | null;
  build: { context: string; dockerfile: string | null; target: string | null } | null;
  healthcheck: { test: string[]; disabled: boolean; location: Location } | null;
  dependsOn: Record<string, { condition: string; location: Location }>;
  volumes: ComposeVolume[];
  networks: string[];
  ports: { published: string | null; target: string }[];
  portsLocation: Location | null;
  user: string | null;
  /** Resolved values: secrets among them are never shown (rules name variables, not values). */
  environment: Record<string, string | null>;
  command: string | string[] | null;
  entrypoint: string | string[] | null;
  workingDir: string | null;
  commandLocation: Location | null;
  profiles: string[];
}

/** A secret-looking variable as the student wrote it in one file: a literal, or a ${VAR} reference. */
export interface RawEnv {
  service: string; name: string; literal: boolean;
  /** literal; a written `${VAR:-default}`; a password inside a URL; a `${VAR}` reference; passed through from the shell. */
  how: 'literal' | 'default' | 'url' | 'reference' | 'passthrough';
  location: Location;
}
export interface RawBind { service: string; source: string; target: string; location: Location }

export interface ComposeFacts {
  files: { path: string; exists: boolean }[];
  loader: ComposeLoader;
  /** Which tool loaded the model, for evidence ("docker compose 2.26 config", or the fallback's limits). */
  loaderNote: string;
  project: string;
  services: Record<string, ComposeService>;
  /** Top-level volumes: declared names (external ones flagged). */
  volumes: Record<string, { external: boolean }>;
  networks: string[];
  problems: { message: string; location?: Location }[];
  /** Per file, what the student wrote: environment entries and bind mounts, with their lines. */
  raw: { file: string; env: RawEnv[]; binds: RawBind[]; commands: { service: string; key: 'command' | 'entrypoint'; location: Location }[] }[];
}

export const locText = (l: Location, rel: (p: string) => string): string => `${rel(l.file)}:${l.line ?? 1}`;
