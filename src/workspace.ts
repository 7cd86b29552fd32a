import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { LabFrontMatter } from './content/schema.js';
import { DojoError, ExitCode } from './errors.js';
import { configKey, readCachedConfig, writeCachedConfig } from './workspace/config-cache.js';
import { discoverCompose, projectName } from './workspace/compose-files.js';
import { envList } from './workspace/env-list.js';

export interface ServiceTarget {
  name: string;
  context: string;
  dockerfile: string;
  image: string;
  /** The container started by `docker run` (lab 03); Compose containers are found by their labels. */
  container: string;
  buildArgs: Record<string, string>;
  /** The service's name in the compose files. */
  composeService?: string;
  /** How a throwaway container of the image runs (container-starts): env as NAME=value, a network to join. */
  run?: { env: string[]; network?: string };
}

export interface Workspace {
  dir: string;
  configFile?: string;
  services: Record<string, ServiceTarget>;
  network: string;
  volume: string;
  /** An image already on the engine for dojo's live probes (name resolution); unset = chosen by content. */
  probeImage?: string;
  /** `files`: what `docker compose up` reads here; `devFiles`: the development override files. */
  compose: { files: string[]; project: string; devFiles?: string[] };
}

export type LabTargets = LabFrontMatter['targets'];

export interface LoadOptions {
  /** The lab's targets (front matter): which services it knows and their course defaults. */
  targets: LabTargets;
  /** Every service name the course uses, so dojo.yaml may configure services of other labs too. */
  courseServices?: string[];
  /** Every lab's layout merged (this lab's own wins), for services a dojo.yaml brings in from other labs. */
  courseLayout?: LabTargets['layout'];
  /**
   * The instructor switch: null = ignore the workspace's dojo.yaml (course defaults), a path = read
   * that file instead; undefined = the student's own dojo.yaml.
   */
  configFile?: string | null;
}

export async function loadWorkspace(dirArg: string, opts: LoadOptions): Promise<Workspace> {
  const dir = resolve(dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DojoError({
      code: 'E_WORKSPACE',
      message: `workspace ${dir} is not a folder`,
      suggestion: 'Run dojo inside your project, or pass --workspace <dir>.',
      exitCode: ExitCode.badInput,
    });
  }
  const targets = opts.targets;
  const layout = { ...opts.courseLayout, ...targets.layout };
  const known = [...new Set([...targets.services, ...Object.keys(targets.layout), ...(opts.courseServices ?? [])])];
  const file = opts.configFile === undefined ? join(dir, 'dojo.yaml') : opts.configFile;
  if (file && opts.configFile && !existsSync(file)) {
    throw new DojoError({ code: 'E_WORKSPACE_CONFIG', message: `instructor config ${file} does not exist`, suggestion: 'Pass --config <file> with the dojo.yaml keys the course should use.', exitCode: ExitCode.badInput });
  }
  let cfg: import('./workspace/config.js').WorkspaceConfig = {};
  if (file && existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const key = configKey(text, known);
    const cached = readCachedConfig(key);
    if (cached) cfg = cached;
    else {
      // The YAML parser and the schema load only for a dojo.yaml not seen (valid) before.
      cfg = (await import('./workspace/config.js')).readConfig(file, text, known);
      writeCachedConfig(key, cfg);
    }
  }
  const names = new Set([...targets.services, ...Object.keys(targets.layout), ...Object.keys(cfg.services ?? {})]);
  const services: Record<string, ServiceTarget> = {};
  for (const name of names) {
    const o = cfg.services?.[name] ?? {};
    const d = layout[name] ?? {};
    const context = o.context ?? d.context ?? name;
    services[name] = {
      name,
      context: resolve(dir, context),
      dockerfile: resolve(dir, o.dockerfile ?? d.dockerfile ?? join(context, 'Dockerfile')),
      // A service whose course layout names no image is looked for as `docker build -t <service>` tags it.
      image: o.image ?? d.image ?? name,
      container: o.container ?? d.container ?? name,
      buildArgs: o.buildArgs ?? {},
      composeService: o.compose ?? d.compose ?? name,
      run: { env: envList(o.run?.env), ...(o.run?.network ? { network: o.run.network } : {}) },
    };
  }
  const name = (v: string | boolean, fallback: string) => (typeof v === 'string' ? v : fallback);
  const files = cfg.compose?.files?.map((f) => resolve(dir, f)) ?? discoverCompose(dir).files;
  return {
    dir,
    configFile: file && existsSync(file) ? file : undefined,
    services,
    network: cfg.network ?? name(targets.network, ''),
    volume: cfg.volume ?? name(targets.volume, ''),
    ...(cfg.probeImage ? { probeImage: cfg.probeImage } : {}),
    compose: {
      files,
      devFiles: cfg.compose?.devFiles?.map((f) => resolve(dir, f)) ?? discoverCompose(dir).devFiles,
      project: cfg.compose?.project ?? projectName(dir, files[0]) ?? basename(dir),
    },
  };
}

/** What loadWorkspace needs from the course: the lab's targets, and every service any lab names. */
export function workspaceOptions(labs: { meta: { targets: LabTargets } }[], lab: { meta: { targets: LabTargets } }, configFile?: string | null): LoadOptions {
  const courseServices = labs.flatMap((l) => [...l.meta.targets.services, ...Object.keys(l.meta.targets.layout)]);
  const courseLayout: LabTargets['layout'] = {};
  for (const l of labs) for (const [svc, entry] of Object.entries(l.meta.targets.layout)) courseLayout[svc] = { ...entry, ...courseLayout[svc] };
  return { targets: lab.meta.targets, courseServices: [...new Set(courseServices)], courseLayout, ...(configFile !== undefined ? { configFile } : {}) };
}
