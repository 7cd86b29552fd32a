import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { LabFrontMatter } from './content/schema.js';
import { DojoError, ExitCode } from './errors.js';
import { discoverCompose, projectName } from './workspace/compose-files.js';

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

/**
 * The built-in course's FlowForge layout, used when the caller passes no lab targets (the labs'
 * front matter carries the same under `targets.layout`).
 */
const COURSE_FALLBACK: LabTargets = {
  services: ['api-service', 'worker-service', 'postgres'],
  layout: { postgres: { image: 'postgres:15' } },
  network: 'flowforge-net',
  volume: 'pgdata',
  compose: false,
};

export interface LoadOptions {
  /** The lab's targets (front matter): which services it knows and their course defaults. */
  targets?: LabTargets;
  /** Every service name the course uses, so dojo.yaml may configure services of other labs too. */
  courseServices?: string[];
  /**
   * The instructor switch: null = ignore the workspace's dojo.yaml (course defaults), a path = read
   * that file instead; undefined = the student's own dojo.yaml.
   */
  configFile?: string | null;
}

export async function loadWorkspace(dirArg: string, opts: LoadOptions = {}): Promise<Workspace> {
  const dir = resolve(dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DojoError({
      code: 'E_WORKSPACE',
      message: `workspace ${dir} is not a folder`,
      suggestion: 'Run dojo inside your project, or pass --workspace <dir>.',
      exitCode: ExitCode.badInput,
    });
  }
  const targets = opts.targets ?? COURSE_FALLBACK;
  const layout = targets.layout;
  const known = [...new Set([...targets.services, ...Object.keys(targets.layout), ...(opts.courseServices ?? [])])];
  const file = opts.configFile === undefined ? join(dir, 'dojo.yaml') : opts.configFile;
  if (file && opts.configFile && !existsSync(file)) {
    throw new DojoError({ code: 'E_WORKSPACE_CONFIG', message: `instructor config ${file} does not exist`, suggestion: 'Pass --config <file> with the dojo.yaml keys the course should use.', exitCode: ExitCode.badInput });
  }
  let cfg: import('./workspace/config.js').WorkspaceConfig = {};
  let envList: (e: unknown) => string[] = () => [];
  if (file && existsSync(file)) {
    // The YAML parser loads only when there is a dojo.yaml to read.
    const config = await import('./workspace/config.js');
    cfg = config.readConfig(file, readFileSync(file, 'utf8'), known);
    envList = config.envList as (e: unknown) => string[];
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
      image: o.image ?? d.image ?? `flowforge/${name}:dev`,
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
    network: cfg.network ?? name(targets.network, name(COURSE_FALLBACK.network, '')),
    volume: cfg.volume ?? name(targets.volume, name(COURSE_FALLBACK.volume, '')),
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
  return { targets: lab.meta.targets, courseServices: [...new Set(courseServices)], ...(configFile !== undefined ? { configFile } : {}) };
}
