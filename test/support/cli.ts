import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/dojo.js', import.meta.url));

export interface CliRun {
  code: number;
  /** The dojo process's pid: its objects carry the label io.dojo.pid=<pid>. */
  pid: number;
  stdout: string;
  stderr: string;
  json: <T = any>() => T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Runs the built CLI the way CI does: no TTY, CI=true, no colors. */
export async function dojo(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<CliRun> {
  const sub = execa('node', [BIN, ...args], {
    reject: false,
    ...(cwd ? { cwd } : {}),
    env: { FORCE_COLOR: '0', CI: 'true', ...env },
    stdin: 'ignore',
  });
  const r = await sub;
  return { code: r.exitCode ?? -1, pid: sub.pid ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), json: () => JSON.parse(String(r.stdout)) };
}
