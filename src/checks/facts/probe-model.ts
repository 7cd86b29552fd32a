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
  /** The source file dojo changed between the two builds (relative to the context). */
  changedFile: string | null;
  first: BuildStep[];
  second: BuildStep[];
  error: string | null;
  outputTail: string[];
}
