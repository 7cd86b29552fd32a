import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

export const setupSchema = z.object({
  /** Services whose images dojo builds from this workspace, as `docker build` would. */
  build: z.array(z.string()).default([]),
  /** Throwaway user-defined networks; the first is the lab's `network` in dojo.yaml. */
  networks: z.array(z.string()).default([]),
  /** Throwaway named volumes; the first is the lab's `volume` in dojo.yaml. */
  volumes: z.array(z.string()).default([]),
  run: z.array(runEntry).default([]),
  /** An answers file in this workspace (the `dojo check --answers` form), for the lab's quizzes. */
  answers: z.string().optional(),
  /** Starters: the checks that must fail (or error) on it; default: every check of the lab. */
  fails: z.array(z.string()).optional(),
}).strict();

export type Setup = z.infer<typeof setupSchema>;
export type RunEntry = z.infer<typeof runEntry>;

export const SETUP_FILE = 'setup.yaml';

/** The workspace's setup.yaml (all keys optional; no file = nothing to build or run), or a typed error at its line. */
export function readSetup(workspace: string, services: string[], checks: string[]): Setup {
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
    if (s.answers && !existsSync(join(workspace, s.answers))) problems.push({ path: ['answers'], message: `answers: ${s.answers} is not in ${workspace}` });
  }
  if (!problems.length) return parsed.data!;
  const first = locate(src, problems[0]!.path);
  throw new DojoError({
    code: 'E_SOLUTION_SETUP',
    message: `${file}:${first.line ?? 1}: ${problems[0]!.message}`,
    details: problems.slice(1).map((p) => `${file}:${locate(src, p.path).line ?? 1}: ${p.message}`),
    suggestion: 'setup.yaml keys, all optional: build: [service], networks: [name], volumes: [name], run: [{service, image, publish, env, command, user, networks, aliases, volumes, healthy, exits}], answers: <file>, fails: [check id] (README "Solutions and starters").',
    location: first,
    exitCode: ExitCode.badInput,
  });
}
