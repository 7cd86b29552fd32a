import { posix } from 'node:path';
import type Docker from 'dockerode';
import type { Engine } from '../../engine/client.js';
import { createTempContainer } from '../../engine/temp-container.js';
import { readElf } from './elf.js';
import type { ImageFacts, ImageFsFacts, PathStat } from './image-model.js';

/** Program headers and the interpreter path sit at the start of an ELF file. */
const ELF_BYTES = 64 * 1024;

/**
 * Reads the image's filesystem through the engine API: a container is created (never started, so
 * no shell is needed in the image), paths are stat-ed with HEAD /archive, and the entrypoint
 * binary's ELF header is read from GET /archive. The container is removed in `finally`.
 * The container is created from the tag while the image is still being inspected, to save a round trip.
 */
export async function readImageFs(engine: Engine, ref: string, inspected: Promise<ImageFacts>, paths: string[], entrypoint: boolean, files: string[] = []): Promise<ImageFsFacts> {
  if (entrypoint || files.length) void tarStream();
  const temp = createTempContainer(engine.docker, 'imagefs', {
    Image: ref,
    Entrypoint: ['/dojo-probe-never-started'],
    Cmd: [],
    NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none' },
  });
  const [image, made] = await Promise.allSettled([inspected, temp.created]);
  const container = made.status === 'fulfilled' ? made.value : null;
  try {
    if (image.status === 'rejected') throw image.reason;
    if (!container) throw (made as PromiseRejectedResult).reason;
    const [stats, texts, ep] = await Promise.all([
      Promise.all(paths.map(async (p) => [p, await stat(container, p)] as const)),
      Promise.all(files.map(async (f) => [f, (await stat(container, f)).exists ? (await readHead(container, f)).toString('utf8') : null] as const)),
      entrypoint ? readEntrypoint(container, image.value) : Promise.resolve(null),
    ]);
    const found = texts.filter((t): t is readonly [string, string] => t[1] !== null);
    return { paths: Object.fromEntries(stats), files: Object.fromEntries(found), entrypoint: ep };
  } finally {
    temp.release();
  }
}

async function readEntrypoint(container: Docker.Container, image: ImageFacts): Promise<ImageFsFacts['entrypoint']> {
  const { entrypoint, cmd, workingDir, env } = image.config;
  const from = entrypoint?.length ? 'ENTRYPOINT' : 'CMD';
  const argv0 = programOf(entrypoint?.length ? entrypoint : cmd);
  if (!argv0) return null;
  let path = posix.resolve(workingDir || '/', argv0);
  if (!argv0.includes('/')) {
    // A bare name is looked up on the image's PATH, as the runtime does.
    const dirs = (env.find((e) => e.startsWith('PATH='))?.slice(5) ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':');
    for (const dir of dirs) {
      const candidate = posix.join(dir, argv0);
      if ((await stat(container, candidate)).exists) {
        path = candidate;
        break;
      }
    }
  }
  const s = await stat(container, path);
  if (!s.exists || s.isDir) return { path, from, stat: s, elf: null, interpreterExists: null };
  const elf = readElf(await readHead(container, s.linkTarget ? posix.resolve(posix.dirname(path), s.linkTarget) : path));
  const interpreterExists = elf.interpreter ? (await stat(container, elf.interpreter)).exists : null;
  return { path, from, stat: s, elf, interpreterExists };
}

/** The program a start command runs; for `/bin/sh -c "…"`, the first word that is not VAR=value. */
export function programOf(argv: string[] | null): string | null {
  if (!argv?.length) return null;
  if (/^(\/bin\/)?(ba)?sh$/.test(argv[0]!) && argv[1] === '-c' && argv[2]) {
    const words = argv[2].trim().split(/\s+/).filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) && w !== 'exec');
    return words[0] ?? null;
  }
  return argv[0]!;
}

async function stat(container: Docker.Container, path: string): Promise<PathStat> {
  try {
    const res = (await container.infoArchive({ path })) as unknown as { headers: Record<string, string>; resume?: () => void };
    res.resume?.();
    const header = res.headers['x-docker-container-path-stat'];
    if (!header) return { exists: true };
    const s = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as { size: number; mode: number; linkTarget?: string };
    return { exists: true, size: s.size, isDir: (s.mode & 0x80000000) !== 0, linkTarget: s.linkTarget || undefined };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return { exists: false };
    throw err;
  }
}

/** The first bytes of one file, taken out of the tar stream; the rest is never transferred. */
async function readHead(container: Docker.Container, path: string): Promise<Buffer> {
  const { extract } = await tarStream();
  const stream = (await container.getArchive({ path })) as NodeJS.ReadableStream & { destroy(): void };
  return new Promise<Buffer>((resolve, reject) => {
    let ex: ReturnType<typeof extract>;
    try {
      ex = extract();
    } catch (err) {
      // An open archive stream keeps the engine's tar process alive and blocks removing the container.
      stream.destroy();
      throw err;
    }
    const chunks: Buffer[] = [];
    let n = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks).subarray(0, ELF_BYTES));
      stream.unpipe(ex as unknown as NodeJS.WritableStream);
      stream.destroy();
      ex.destroy();
    };
    ex.on('entry', (_header, entry, next) => {
      entry.on('data', (c: unknown) => {
        if (!Buffer.isBuffer(c) || done) return;
        chunks.push(c);
        n += c.length;
        if (n >= ELF_BYTES) finish();
      });
      entry.on('end', () => {
        finish();
        next();
      });
    });
    ex.on('finish', finish);
    const fail = (err: Error) => {
      if (done) return;
      done = true;
      stream.destroy();
      ex.destroy();
      reject(err);
    };
    ex.on('error', fail);
    stream.on('error', fail);
    stream.pipe(ex as unknown as NodeJS.WritableStream);
  });
}

/** Bundled, a CommonJS package's dynamic import has only a default export; unbundled, also named ones. */
let tarModule: Promise<typeof import('tar-stream')> | undefined;
function tarStream(): Promise<typeof import('tar-stream')> {
  tarModule ??= import('tar-stream').then((mod) => ('default' in mod ? mod.default : mod) as typeof import('tar-stream'));
  return tarModule;
}
