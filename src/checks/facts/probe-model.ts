export interface RunFacts {
  ref: string;
  seconds: number;
  running: boolean;
  exitCode: number | null;
  oomKilled: boolean;
  error: string | null;
  logsTail: string[];
}

export interface BuildStep {
  index: number;
  total: number;
  instruction: string;
  cached: boolean;
}

export interface RebuildFacts {
  builder: 'classic' | 'buildkit';
  /** As the evidence names it: "classic builder", "BuildKit (docker buildx 0.13.1)". */
  builderName?: string;
  /** The source file dojo changed between the two builds (relative to the context). */
  changedFile: string | null;
  first: BuildStep[];
  second: BuildStep[];
  error: string | null;
  outputTail: string[];
  /** Why the probe did not build at all (e.g. the Dockerfile needs BuildKit and the engine has none). */
  skipped: string | null;
}
