import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { Lab } from '../content/types.js';
import { track } from '../engine/cleanup.js';
import { parseImageRef } from '../checks/facts/image-ref.js';

/** What the lab's checks will look for in the copy: every service under a throwaway image tag and container name. */
export interface Renamed {
  dir: string;
  images: Record<string, string>;
  containers: Record<string, string>;
  /** The setup's network and volume names → their throwaway names. */
  networks: Record<string, string>;
  volumes: Record<string, string>;
  /** What makes this run's names its own (`<pid>-<time>`). */
  suffix: string;
  /** The throwaway Compose project name (the lab's `compose.project` in dojo.yaml). */
  project: string;
  /** A throwaway name for anything else this run names (an image, a container): `<prefix>-<name>-<suffix>`. */
  own(name: string): string;
  remove(): Promise<void>;
}

export interface CopyOptions {
  /** A service run from an image it does not build (a database) keeps that image's name. */
  runImages?: Record<string, string>;
  networks?: string[];
  volumes?: string[];
  /** A folder copied in first; the workspace's own files go over it (setup.yaml `source:`). */
  overlay?: string;
  /** The setup brings up a Compose project: dojo.yaml names the throwaway project (and the files, when the setup lists them). */
  compose?: { files?: string[] };
}

export const labServices = (lab: Lab): string[] => [...new Set([...lab.meta.targets.services, ...Object.keys(lab.meta.targets.layout)])];

/**
 * Copies a solution or starter workspace to a temp folder and writes its dojo.yaml so that every
 * service of the lab has a name no student's object has: the checks then read only what this run
 * builds and starts, never a student's image or container of the course's default names.
 */
export function copyRenamed(source: string, lab: Lab, side: string, o: CopyOptions = {}): Renamed {
  const { runImages = {}, overlay } = o;
  const own = { networks: o.networks ?? [], volumes: o.volumes ?? [] };
  const dir = mkdtempSync(join(tmpdir(), `dojo-${side}-`));
  const remove = track(`folder ${dir}`, async () => rmSync(dir, { recursive: true, force: true }));
  if (overlay) cpSync(overlay, dir, { recursive: true });
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
  const project = `dojo-${side}-${lab.meta.id}-${suffix}`.toLowerCase();
  if (o.compose) cfg.compose = { ...cfg.compose, ...(o.compose.files ? { files: o.compose.files } : {}), project };
  writeFileSync(file, stringify(cfg));
  const ownName = (name: string) => `dojo-${side}-${lab.meta.id}-${name}-${suffix}`.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-');
  return { dir, images, containers, networks, volumes, suffix, project, own: ownName, remove };
}

/**
 * `FROM <image>` lines naming a stand-in's original are rewritten to the stand-in (a local image).
 * An original that is not pinned (no tag, or `latest`) becomes `unpinned(original)`, an untagged
 * alias of the stand-in, so a check about pinning judges what the file says, not the stand-in's tag.
 */
export function applyStandIns(dockerfile: string, standIns: Record<string, string>, unpinned?: (image: string) => string): { replaced: string[]; aliases: Record<string, string> } {
  const aliases: Record<string, string> = {};
  if (!existsSync(dockerfile) || !Object.keys(standIns).length) return { replaced: [], aliases };
  const replaced: string[] = [];
  const text = readFileSync(dockerfile, 'utf8').replace(/^(\s*FROM\s+(?:--platform=\S+\s+)?)(\S+)/gim, (all, head: string, image: string) => {
    const to = standIns[image];
    if (!to) return all;
    const ref = parseImageRef(image);
    const alias = unpinned && !ref.digest && (ref.tag === null || ref.tag === 'latest') ? unpinned(image) : null;
    if (alias) aliases[alias] = to;
    replaced.push(`${image} → ${alias ? `${alias} (untagged, as ${image} is; an alias of ${to})` : to}`);
    return head + (alias ?? to);
  });
  writeFileSync(dockerfile, text);
  return { replaced, aliases };
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
