import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Engine } from '../../engine/client.js';
import { cacheDir } from '../../workspace/config-cache.js';
import type { ProbeImage } from './probe-image.js';

/**
 * The probe image found on the last run, per engine endpoint. Listing the engine's images to find
 * one takes 0.1–0.5 s on an engine with a few hundred images, every run; the remembered image is
 * tried first and proven the same way (its /bin/busybox looked up in the probe container), so a
 * stale entry costs one failed try, never a different verdict. A cache only: any error is ignored.
 */
const file = () => join(cacheDir(), 'probe-image.json');

function readAll(): Record<string, ProbeImage> {
  try {
    const all = JSON.parse(readFileSync(file(), 'utf8')) as unknown;
    return all && typeof all === 'object' && !Array.isArray(all) ? (all as Record<string, ProbeImage>) : {};
  } catch {
    return {};
  }
}

export function rememberedProbeImage(engine: Engine): ProbeImage | null {
  const hit = readAll()[engine.endpoint.url];
  return hit && typeof hit.ref === 'string' && typeof hit.why === 'string' ? hit : null;
}

export function rememberProbeImage(engine: Engine, image: ProbeImage): void {
  try {
    const all = readAll();
    if (all[engine.endpoint.url]?.ref === image.ref) return;
    all[engine.endpoint.url] = image;
    mkdirSync(dirname(file()), { recursive: true });
    const tmp = `${file()}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(all, null, 2) + '\n');
    renameSync(tmp, file());
  } catch {
    // Without a writable cache folder the next run lists the images again.
  }
}
