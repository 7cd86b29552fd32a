import type Docker from 'dockerode';

/** Reading files through the engine's archive API (no shell, no exec, nothing started). */

export interface Owner { uid: number; gid: number; mode: number }

export async function exists(container: Docker.Container, path: string): Promise<boolean> {
  try {
    const res = (await container.infoArchive({ path })) as unknown as { resume?: () => void };
    res.resume?.();
    return true;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    throw err;
  }
}

/**
 * The first tar entry of GET /archive: for a folder, the folder itself (owner and mode), and for
 * a file up to `max` bytes of it. The rest of the stream is never read.
 */
export async function firstEntry(container: Docker.Container, path: string, max = 64 * 1024): Promise<{ owner: Owner; text: string } | null> {
  let stream: NodeJS.ReadableStream & { destroy(): void };
  try {
    stream = (await container.getArchive({ path })) as NodeJS.ReadableStream & { destroy(): void };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
  const tar = await import('tar-stream').then((m) => ('default' in m ? m.default : m) as typeof import('tar-stream'));
  return new Promise((resolve, reject) => {
    const ex = tar.extract();
    let done = false;
    const stop = (v: { owner: Owner; text: string } | null, err?: Error) => {
      if (done) return;
      done = true;
      // An open archive stream keeps the engine's tar process alive and blocks removing the container.
      stream.unpipe(ex as unknown as NodeJS.WritableStream);
      stream.destroy();
      ex.destroy();
      if (err) reject(err);
      else resolve(v);
    };
    ex.on('entry', (h, entry) => {
      const owner = { uid: h.uid ?? 0, gid: h.gid ?? 0, mode: h.mode ?? 0 };
      if (h.type !== 'file') return stop({ owner, text: '' });
      const chunks: Buffer[] = [];
      let n = 0;
      entry.on('data', (data: unknown) => {
        const c = data as Buffer;
        chunks.push(c);
        n += c.length;
        if (n >= max) stop({ owner, text: Buffer.concat(chunks).subarray(0, max).toString('utf8') });
      });
      entry.on('end', () => stop({ owner, text: Buffer.concat(chunks).toString('utf8') }));
    });
    ex.on('finish', () => stop(null));
    ex.on('error', (e: Error) => stop(null, e));
    stream.on('error', (e: Error) => stop(null, e));
    stream.pipe(ex as unknown as NodeJS.WritableStream);
  });
}
