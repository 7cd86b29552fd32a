import type { Engine } from '../../engine/client.js';
import { createTempContainer } from '../../engine/temp-container.js';
import type { ImageFacts } from './image-model.js';
import type { RunFacts } from './probe-model.js';

/**
 * Starts a throwaway container from the student's image (no ports published, labelled, removed in
 * `finally`) and looks at it after `seconds`: still running, or its exit code and last log lines.
 */
export async function runThrowaway(engine: Engine, image: ImageFacts, seconds: number, opts: { env?: string[]; network?: string; signal?: AbortSignal } = {}): Promise<RunFacts> {
  // No network unless dojo.yaml names one: the throwaway copy must not reach the student's other
  // containers uninvited, and it starts and goes away faster without a veth pair on the bridge.
  const temp = createTempContainer(engine.docker, 'run', {
    Image: image.id, Tty: false, Env: opts.env ?? [],
    ...(opts.network ? { HostConfig: { NetworkMode: opts.network } } : { NetworkDisabled: true, HostConfig: { NetworkMode: 'none' } }),
  });
  try {
    const container = await temp.created;
    let startError: string | null = null;
    try {
      await container.start();
    } catch (err) {
      startError = ((err as { json?: { message?: string } }).json?.message ?? (err as Error).message).trim();
    }
    // Exactly `seconds` after the start: the engine's wait endpoint answers if it exits sooner.
    if (!startError) {
      let timer: NodeJS.Timeout | undefined;
      // A cancelled run (dojo watch) stops waiting: its verdict is discarded and the container goes now.
      let onAbort: (() => void) | undefined;
      await Promise.race([
        container.wait().catch(() => undefined),
        new Promise((r) => (timer = setTimeout(r, seconds * 1000))),
        new Promise((r) => {
          onAbort = () => r(undefined);
          if (opts.signal?.aborted) onAbort();
          else opts.signal?.addEventListener('abort', onAbort, { once: true });
        }),
      ]).finally(() => {
        clearTimeout(timer);
        if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
      });
    }
    const state = (await container.inspect()).State;
    const running = !startError && state.Running;
    const logs = running ? [] : demux((await container.logs({ stdout: true, stderr: true, tail: 20, follow: false })) as unknown as Buffer);
    return {
      ref: image.ref,
      seconds,
      running,
      exitCode: state.Running ? null : state.ExitCode,
      oomKilled: state.OOMKilled,
      error: startError ?? (state.Error || null),
      logsTail: logs.slice(-20),
    };
  } finally {
    temp.release();
  }
}

/** Non-TTY logs come framed (8-byte header per chunk); keep just the text lines. */
export function demux(buf: Buffer): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i + 8 <= buf.length && (buf[i] === 1 || buf[i] === 2) && buf[i + 1] === 0) {
    const len = buf.readUInt32BE(i + 4);
    parts.push(buf.subarray(i + 8, i + 8 + len).toString('utf8'));
    i += 8 + len;
  }
  const text = i === 0 ? buf.toString('utf8') : parts.join('');
  return text.split('\n').filter((l) => l.trim() !== '');
}
