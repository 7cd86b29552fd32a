/** What a helper program (docker buildx, Compose, a scanner) left: never a throw, a spawn failure is exit -1. */
export interface ToolResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved, when asked for with `all`. */
  all: string;
  timedOut: boolean;
  /** Stopped by the run's cancel signal (Ctrl-C, SIGTERM, a timeout of the run). */
  cancelled: boolean;
}

export interface ToolOptions {
  timeoutMs: number;
  cwd?: string;
  env?: Record<string, string>;
  signal?: AbortSignal;
  all?: boolean;
  maxBuffer?: number;
}

/**
 * Runs a helper program for dojo, the one way every caller does. `cleanup: false` because execa's
 * exit hook (signal-exit) re-raises SIGINT once dojo's own once-handler has run, which kills dojo
 * before it has removed what it created; the run's cancel signal stops the child instead.
 */
export async function runTool(cmd: string, args: string[], o: ToolOptions): Promise<ToolResult> {
  const { execa } = await import('execa');
  try {
    const r = await execa(cmd, args, {
      reject: false, stdin: 'ignore', cleanup: false, timeout: o.timeoutMs, forceKillAfterDelay: 2000,
      ...(o.cwd ? { cwd: o.cwd } : {}), ...(o.env ? { env: o.env } : {}), ...(o.signal ? { cancelSignal: o.signal } : {}),
      ...(o.all ? { all: true } : {}), ...(o.maxBuffer ? { maxBuffer: o.maxBuffer } : {}),
    });
    const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
    return {
      exitCode: r.exitCode ?? -1, stdout: text(r.stdout), stderr: text(r.stderr) || (r.exitCode === undefined ? ((r as { message?: string }).message ?? '') : ''),
      all: text(r.all), timedOut: r.timedOut, cancelled: r.isCanceled,
    };
  } catch (err) {
    return { exitCode: -1, stdout: '', stderr: (err as Error).message, all: '', timedOut: false, cancelled: false };
  }
}
