/** Documented in README (Exit codes); the precedence between 1, 3 and 4 is in grading/exit-code.ts. */
export const ExitCode = {
  ok: 0,
  /** The student's work is wrong: a check failed. */
  checkFailed: 1,
  badInput: 2,
  /** dojo could not look: the engine does not answer (and nothing failed). */
  engineUnreachable: 3,
  /** dojo could not look at everything: a check errored or a gradable item was not graded (and nothing failed). */
  incomplete: 4,
  interrupted: 130,
} as const;

export interface Location {
  file: string;
  line?: number;
  column?: number;
}

/** The only error type the entry point prints: code, message for people, suggestion, exit code. */
export class DojoError extends Error {
  readonly code: string;
  readonly suggestion?: string;
  readonly exitCode: number;
  readonly location?: Location;
  readonly details: string[];

  constructor(opts: {
    code: string;
    message: string;
    suggestion?: string;
    exitCode?: number;
    location?: Location;
    details?: string[];
  }) {
    super(opts.message);
    this.name = 'DojoError';
    this.code = opts.code;
    this.suggestion = opts.suggestion;
    this.exitCode = opts.exitCode ?? ExitCode.badInput;
    this.location = opts.location;
    this.details = opts.details ?? [];
  }
}

export function formatLocation(loc: Location): string {
  if (loc.line === undefined) return loc.file;
  return loc.column === undefined ? `${loc.file}:${loc.line}` : `${loc.file}:${loc.line}:${loc.column}`;
}

export function usageError(message: string, suggestion?: string): DojoError {
  return new DojoError({ code: 'E_USAGE', message, suggestion, exitCode: ExitCode.badInput });
}

export function engineUnreachable(endpoint: string, cause: string): DojoError {
  return new DojoError({
    code: 'E_ENGINE_UNREACHABLE',
    message: `The Docker engine at ${endpoint} does not answer (${cause}).`,
    suggestion: 'Start Docker (or dockerd), or point DOCKER_HOST at your engine, then run `dojo doctor`.',
    exitCode: ExitCode.engineUnreachable,
  });
}
