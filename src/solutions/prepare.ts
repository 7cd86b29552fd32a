import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Lab } from '../content/types.js';
import { track } from '../engine/cleanup.js';

/** What the lab's checks will look for in the copy: every service under a throwaway image tag and container name. */
export interface Renamed {
  dir: string;
  images: Record<string, string>;
  containers: Record<string, string>;
  /** The setup's network and volume names → their throwaway names. */
  networks: Record<string, string>;
  volumes: Record<string, string>;
  remove(): Promise<void>;
}

export const labServices = (lab: Lab): string[] => [...new Set([...lab.meta.targets.services, ...Object.keys(lab.meta.targets.layout)])];

/**
 * Copies a solution or starter workspace to a temp folder and writes its dojo.yaml so that every
 * service of the lab has a name no student's object has: the checks then read only what this run
 * builds and starts, never a student's image or container of the course's default names.
 */
export function copyRenamed(source: string, lab: Lab, side: string, runImages: Record<string, string> = {}, own: { networks: string[]; volumes: string[] } = { networks: [], volumes: [] }): Renamed {
  const dir = mkdtempSync(join(tmpdir(), `dojo-${side}-`));
  const remove = track(`folder ${dir}`, async () => rmSync(dir, { recursive: true, force: true }));
  cpSync(source, dir, { recursive: true });
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const file = join(dir, 'dojo.yaml');
  const cfg = (existsSync(file) ? parse(readFileSync(file, 'utf8')) : null) ?? {};
  cfg.services ??= {};
  const images: Record<string, string> = {};
  const containers: Record<string, string> = {};
  for (const svc of labServices(lab)) {
    // A service run from an image it does not build (a database) keeps that image's name.
    images[svc] = runImages[svc] ?? `dojo-${side}/${lab.meta.id}-${svc}:${suffix}`.toLowerCase();
    containers[svc] = `dojo-${side}-${lab.meta.id}-${svc}-${suffix}`.toLowerCase();
    cfg.services[svc] = { ...cfg.services[svc], image: images[svc], container: containers[svc] };
  }
  const named = (names: string[]) => Object.fromEntries(names.map((n) => [n, `dojo-${side}-${lab.meta.id}-${n}-${suffix}`.toLowerCase()]));
  const networks = named(own.networks);
  const volumes = named(own.volumes);
  if (own.networks[0]) cfg.network = networks[own.networks[0]];
  if (own.volumes[0]) cfg.volume = volumes[own.volumes[0]];
  writeFileSync(file, stringify(cfg));
  return { dir, images, containers, networks, volumes, remove };
}

/** `FROM <image>` lines naming a stand-in's original are rewritten to the stand-in (a local image). */
export function applyStandIns(dockerfile: string, standIns: Record<string, string>): string[] {
  if (!existsSync(dockerfile) || !Object.keys(standIns).length) return [];
  const replaced: string[] = [];
  const text = readFileSync(dockerfile, 'utf8').replace(/^(\s*FROM\s+(?:--platform=\S+\s+)?)(\S+)/gim, (all, head: string, image: string) => {
    const to = standIns[image];
    if (!to) return all;
    replaced.push(`${image} → ${to}`);
    return head + to;
  });
  writeFileSync(dockerfile, text);
  return replaced;
}

/** `--stand-in nginx:1.27=dojo-fixture/busybox:1` (repeatable) → a map; a malformed one is reported by the caller. */
export function parseStandIns(values: string[] = []): { map: Record<string, string>; bad: string[] } {
  const map: Record<string, string> = {};
  const bad: string[] = [];
  for (const v of values) {
    const [from, to, ...rest] = v.split('=');
    if (!from || !to || rest.length) bad.push(v);
    else map[from] = to;
  }
  return { map, bad };
}
