import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { loadScenarios } from '../scenarios/schema.js';
import { z } from 'zod';
import { DojoError, ExitCode } from '../errors.js';
import { locate, parseYaml } from '../content/yaml-source.js';

/** One container `dojo validate --solutions` starts, under a throwaway name it maps the service to. */
const runEntry = z.object({
  /** The lab's service whose container this is (the name the checks look for). */
  service: z.string(),
  /** Run this image instead of the service's own (a database the lab does not build). */
  image: z.string().optional(),
  /** Container ports, each published on a free port of 127.0.0.1. */
  publish: z.array(z.string().regex(/^\d+$/, 'a container port number, e.g. "80"')).default([]),
  env: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*=/, 'NAME=value')).default([]),
  command: z.array(z.string()).optional(),
  user: z.string().optional(),
  /** Networks of this setup (`networks:`) it joins; the first is where it starts. */
  networks: z.array(z.string()).default([]),
  /** Its other names on those networks (DNS), e.g. the name its clients dial. */
  aliases: z.array(z.string()).default([]),
  /** `<volume of this setup>:<path>`. */
  volumes: z.array(z.string().regex(/^[^:]+:\/.*/, '<volume>:<absolute path>')).default([]),
  /** Wait until its healthcheck says healthy, not only until it runs. */
  healthy: z.boolean().default(false),
  /** Meant to stop (a starter's broken container): dojo waits until it has exited. */
  exits: z.boolean().default(false),
}).strict();

/** A Compose project dojo brings up (`up -d`, waiting for it) under a throwaway project name, and takes down with its volumes. */
const composeEntry = z.object({
  /** The files, in `-f` order, relative to the workspace; default: what Compose finds there (the base file and its override). */
  files: z.array(z.string().min(1)).min(1).optional(),
}).strict();

/** How the fix runs one break-fix container: only what differs from the broken one `dojo lab start` creates. */
const scenarioFix = z.object({
  /** Variables set (or replaced) on top of the broken container's. */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}),
  /** The network it starts on instead (one of the scenarios file's networks). */
  network: z.string().optional(),
  memory: z.string().regex(/^\d+[kmg]$/, 'like 64m').optional(),
}).strict();

export const setupSchema = z.object({
  /** A folder of the course (e.g. `sources/flowforge`) copied into the workspace first; this workspace's own files go over it. */
  source: z.string().min(1).optional(),
  /** Services whose images dojo builds from this workspace, as `docker build` would. */
  build: z.array(z.string()).default([]),
  /** Throwaway user-defined networks; the first is the lab's `network` in dojo.yaml. */
  networks: z.array(z.string()).default([]),
  /** Throwaway named volumes; the first is the lab's `volume` in dojo.yaml. */
  volumes: z.array(z.string()).default([]),
  run: z.array(runEntry).default([]),
  /** Bring the workspace's Compose project up after the builds and `run:` (and down again with its volumes). */
  compose: composeEntry.optional(),
  /**
   * Start the lab's break-fix scenarios (scenarios/<lab>.yaml) under throwaway names: `{}` as `dojo lab
   * start` creates them (a starter), or with the fix of each container named here (a solution).
   */
  scenarios: z.record(z.string(), scenarioFix).optional(),
  /** An answers file in this workspace (the `dojo check --answers` form), for the lab's quizzes. */
  answers: z.string().optional(),
  /** Starters: the checks that must fail (or error) on it; default: every check of the lab. */
  fails: z.array(z.string()).optional(),
}).strict();

export type Setup = z.infer<typeof setupSchema>;
export type RunEntry = z.infer<typeof runEntry>;
export type ComposeEntry = z.infer<typeof composeEntry>;
export type ScenarioFix = z.infer<typeof scenarioFix>;

export const SETUP_FILE = 'setup.yaml';

/** The course folder `source:` names, or why it cannot be used: it must be a folder inside the course. */
export function sourceProblem(courseDir: string, source: string): string | null {
  const dir = resolve(courseDir, source);
  const rel = relative(courseDir, dir);
  if (isAbsolute(source) || rel === '' || rel.startsWith('..')) return `source: ${source} is not a folder inside the course (${courseDir})`;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return `source: ${source} is no folder of ${courseDir}`;
  return null;
}

/**
 * The workspace's setup.yaml (all keys optional; no file = nothing to build or run), or a typed error at its line.
 * `courseDir` (default: two folders up, as in <course>/solutions/<lab>) is where `source:` is looked up.
 */
export function readSetup(workspace: string, services: string[], checks: string[], courseDir = join(workspace, '..', '..')): Setup {
  const file = join(workspace, SETUP_FILE);
  if (!existsSync(file)) return setupSchema.parse({});
  const src = parseYaml(file, readFileSync(file, 'utf8'));
  const parsed = setupSchema.safeParse(src.data ?? {});
  const problems: { path: (string | number)[]; message: string }[] = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path, message: `${i.path.join('.') || '(top level)'}: ${i.message}` }));
  if (parsed.success) {
    const s = parsed.data;
    s.build.forEach((svc, i) => { if (!services.includes(svc)) problems.push({ path: ['build', i], message: `build: "${svc}" is no service of this lab (its services: ${services.join(', ')})` }); });
    s.run.forEach((r, i) => { if (!services.includes(r.service)) problems.push({ path: ['run', i, 'service'], message: `run: "${r.service}" is no service of this lab (its services: ${services.join(', ')})` }); });
    s.run.forEach((r, i) => {
      r.networks.forEach((n, j) => { if (!s.networks.includes(n)) problems.push({ path: ['run', i, 'networks', j], message: `run: network "${n}" is not under networks: (${s.networks.join(', ') || 'none'})` }); });
      r.volumes.forEach((v, j) => { const name = v.split(':')[0]!; if (!s.volumes.includes(name)) problems.push({ path: ['run', i, 'volumes', j], message: `run: volume "${name}" is not under volumes: (${s.volumes.join(', ') || 'none'})` }); });
      if (r.aliases.length && !r.networks.length) problems.push({ path: ['run', i, 'aliases'], message: 'run: aliases need a network (networks: [...])' });
    });
    (s.fails ?? []).forEach((id, i) => { if (!checks.includes(id)) problems.push({ path: ['fails', i], message: `fails: "${id}" is no check of this lab (its checks: ${checks.join(', ')})` }); });
    const badSource = s.source ? sourceProblem(courseDir, s.source) : null;
    if (badSource) problems.push({ path: ['source'], message: badSource });
    (s.compose?.files ?? []).forEach((f, i) => { if (isAbsolute(f) || f.split(/[\\/]/).includes('..')) problems.push({ path: ['compose', 'files', i], message: `compose: ${f} must be a path inside the workspace` }); });
    if (s.scenarios) problems.push(...scenarioProblems(courseDir, basename(workspace), s.scenarios));
    if (s.answers && !existsSync(join(workspace, s.answers)) && !(s.source && !badSource && existsSync(join(courseDir, s.source, s.answers)))) problems.push({ path: ['answers'], message: `answers: ${s.answers} is not in ${workspace}` });
  }
  if (!problems.length) return parsed.data!;
  const first = locate(src, problems[0]!.path);
  throw new DojoError({
    code: 'E_SOLUTION_SETUP',
    message: `${file}:${first.line ?? 1}: ${problems[0]!.message}`,
    details: problems.slice(1).map((p) => `${file}:${locate(src, p.path).line ?? 1}: ${p.message}`),
    suggestion: 'setup.yaml keys, all optional: source: <course folder>, build: [service], networks: [name], volumes: [name], run: [{service, image, publish, env, command, user, networks, aliases, volumes, healthy, exits}], compose: {files}, scenarios: {<container>: {env, network, memory}}, answers: <file>, fails: [check id] (README "Solutions and starters").',
    location: first,
    exitCode: ExitCode.badInput,
  });
}

/** A fix names a container and a network of the lab's scenarios file. */
function scenarioProblems(courseDir: string, lab: string, fixes: Record<string, ScenarioFix>): { path: (string | number)[]; message: string }[] {
  let file: ReturnType<typeof loadScenarios>;
  try { file = loadScenarios(courseDir, lab); } catch { return []; } // a broken scenarios file is reported on its own
  if (!file) return [{ path: ['scenarios'], message: `scenarios: ${lab} has no break-fix scenarios (scenarios/${lab}.yaml)` }];
  const names = file.scenarios.flatMap((sc) => sc.containers.map((c) => c.name));
  return Object.entries(fixes).flatMap(([name, fix]) => [
    ...(names.includes(name) ? [] : [{ path: ['scenarios', name], message: `scenarios: ${name} is no container of ${lab}'s scenarios (${names.join(', ')})` }]),
    ...(fix.network && !file!.networks.includes(fix.network) ? [{ path: ['scenarios', name, 'network'], message: `scenarios: network ${fix.network} is not one of ${lab}'s scenario networks (${file!.networks.join(', ') || 'none'})` }] : []),
  ]);
}
