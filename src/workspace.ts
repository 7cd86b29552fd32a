import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { DojoError, ExitCode } from './errors.js';

export interface ServiceTarget {
  name: string;
  context: string;
  dockerfile: string;
  image: string;
  container: string;
  buildArgs: Record<string, string>;
}

export interface Workspace {
  dir: string;
  configFile?: string;
  services: Record<string, ServiceTarget>;
  network: string;
  volume: string;
  compose: { files: string[]; project: string };
}

const service = z
  .object({
    context: z.string().optional(),
    dockerfile: z.string().optional(),
    image: z.string().optional(),
    container: z.string().optional(),
    buildArgs: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const config = z
  .object({
    services: z.record(z.string(), service).default({}),
    network: z.string().optional(),
    volume: z.string().optional(),
    compose: z.object({ files: z.array(z.string()).min(1).optional(), project: z.string().optional() }).strict().optional(),
  })
  .strict();

const EXAMPLE = `services:\n  api-service: { context: api-service, dockerfile: api-service/Dockerfile, image: "flowforge/api-service:dev", container: api-service }\nnetwork: flowforge-net\nvolume: pgdata\ncompose: { files: [docker-compose.yml], project: flowforge }`;

/** The course's FlowForge defaults; a workspace's dojo.yaml overrides any of them. */
const DEFAULT_SERVICES = ['api-service', 'worker-service', 'postgres'];

export async function loadWorkspace(dirArg: string): Promise<Workspace> {
  const dir = resolve(dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DojoError({
      code: 'E_WORKSPACE',
      message: `workspace ${dir} is not a folder`,
      suggestion: 'Run dojo inside your project, or pass --workspace <dir>.',
      exitCode: ExitCode.badInput,
    });
  }
  const file = join(dir, 'dojo.yaml');
  let cfg: z.infer<typeof config> = { services: {} };
  if (existsSync(file)) {
    // The YAML parser loads only when there is a dojo.yaml to read.
    const [{ parseYaml }, { validateSource }] = await Promise.all([import('./content/yaml-source.js'), import('./content/validate-source.js')]);
    const parsed = validateSource(parseYaml(file, readFileSync(file, 'utf8')), config, EXAMPLE);
    const issue = parsed.issues[0];
    if (issue || !parsed.value) {
      throw new DojoError({
        code: 'E_WORKSPACE_CONFIG',
        message: `${file}:${issue?.location.line ?? 1}:${issue?.location.column ?? 1}: ${issue?.message ?? 'invalid'}`,
        suggestion: `dojo.yaml keys are all optional; the form is:\n${EXAMPLE}`,
        location: issue?.location,
      });
    }
    cfg = parsed.value;
  }
  const names = new Set([...DEFAULT_SERVICES, ...Object.keys(cfg.services)]);
  const services: Record<string, ServiceTarget> = {};
  for (const name of names) {
    const o = cfg.services[name] ?? {};
    const context = o.context ?? name;
    services[name] = {
      name,
      context: resolve(dir, context),
      dockerfile: resolve(dir, o.dockerfile ?? join(context, 'Dockerfile')),
      image: o.image ?? (name === 'postgres' ? 'postgres:15' : `flowforge/${name}:dev`),
      container: o.container ?? name,
      buildArgs: o.buildArgs ?? {},
    };
  }
  return {
    dir,
    configFile: existsSync(file) ? file : undefined,
    services,
    network: cfg.network ?? 'flowforge-net',
    volume: cfg.volume ?? 'pgdata',
    compose: {
      files: (cfg.compose?.files ?? ['docker-compose.yml']).map((f) => resolve(dir, f)),
      project: cfg.compose?.project ?? 'flowforge',
    },
  };
}
