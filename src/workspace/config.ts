import { isMap, isScalar, type Node } from 'yaml';
import { z } from 'zod';
import { DojoError, type Location } from '../errors.js';
import { locate, parseYaml, type YamlSource } from '../content/yaml-source.js';
import { closest } from '../suggest.js';

/** `env` as a list (`- NAME=value`) or a map (`NAME: value`), as Compose accepts it. */
const env = z.union([z.array(z.string()), z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))]);

const service = z
  .object({
    context: z.string(),
    dockerfile: z.string(),
    image: z.string(),
    container: z.string(),
    buildArgs: z.record(z.string(), z.string()),
    compose: z.string(),
    run: z.object({ env, network: z.string() }).partial().strict(),
  })
  .partial()
  .strict();

export const configSchema = z
  .object({
    services: z.record(z.string(), service),
    network: z.string(),
    volume: z.string(),
    probeImage: z.string(),
    compose: z.object({ files: z.array(z.string()).min(1), devFiles: z.array(z.string()), project: z.string() }).partial().strict(),
  })
  .partial()
  .strict();

export type WorkspaceConfig = z.infer<typeof configSchema>;
export type ServiceConfig = z.infer<typeof service>;

export const EXAMPLE = `services:
  api-service: { context: api-service, dockerfile: api-service/Dockerfile, image: "flowforge/api-service:dev", container: api-service }
  worker-service: { run: { env: [DB_HOST=postgres], network: flowforge-net } }
  postgres: { container: postgres }
network: flowforge-net
volume: pgdata
probeImage: busybox:1.36
compose: { files: [docker-compose.yml], devFiles: [docker-compose.dev.yml], project: flowforge }`;

const KEYS: Record<string, string[]> = {
  '': Object.keys(configSchema.shape),
  service: Object.keys(service.shape),
  run: ['env', 'network'],
  compose: ['files', 'devFiles', 'project'],
};

interface Issue { location: Location; message: string }

/**
 * Reads dojo.yaml and reports every mistake in it at once (unknown keys with a "did you mean",
 * services the course does not know, wrong types), each with its line; exit 2.
 */
export function readConfig(file: string, text: string, knownServices: string[]): WorkspaceConfig {
  const src = parseYaml(file, text);
  const data = (src.data ?? {}) as Record<string, unknown>;
  const issues: Issue[] = [];
  const unknownKey = (path: string[], key: string, known: string[], what: string) => {
    const near = closest(key, known);
    issues.push({ location: keyLocation(src, path, key), message: `unknown ${what} "${key}"${near ? `; did you mean "${near}"?` : `; known: ${known.join(', ')}`}` });
  };
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    for (const k of Object.keys(data)) if (!KEYS['']!.includes(k)) unknownKey([], k, KEYS['']!, 'key');
    const services = data.services;
    if (services && typeof services === 'object' && !Array.isArray(services)) {
      for (const [name, body] of Object.entries(services as Record<string, unknown>)) {
        if (!knownServices.includes(name)) unknownKey(['services'], name, knownServices, 'service');
        if (!body || typeof body !== 'object' || Array.isArray(body)) continue;
        for (const k of Object.keys(body)) if (!KEYS.service!.includes(k)) unknownKey(['services', name], k, KEYS.service!, `key in services.${name}`);
        const run = (body as Record<string, unknown>).run;
        if (run && typeof run === 'object' && !Array.isArray(run)) {
          for (const k of Object.keys(run)) if (!KEYS.run!.includes(k)) unknownKey(['services', name, 'run'], k, KEYS.run!, `key in services.${name}.run`);
        }
      }
    }
    const compose = data.compose;
    if (compose && typeof compose === 'object' && !Array.isArray(compose)) {
      for (const k of Object.keys(compose)) if (!KEYS.compose!.includes(k)) unknownKey(['compose'], k, KEYS.compose!, 'key in compose');
    }
  }
  const parsed = configSchema.safeParse(data ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') continue; // reported above, with a suggestion
      const path = issue.path.map(String);
      issues.push({ location: locate(src, path), message: `${path.join('.') || '(top level)'}: ${issue.message}` });
    }
  }
  if (issues.length) {
    issues.sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0));
    const lines = issues.map((i) => `${file}:${i.location.line ?? 1}:${i.location.column ?? 1}: ${i.message}`);
    throw new DojoError({
      code: 'E_WORKSPACE_CONFIG',
      // Printed as the message and then the details: one problem is its own message.
      message: issues.length === 1 ? lines[0]! : `${issues.length} problems in ${file}:`,
      details: issues.length === 1 ? [] : lines,
      suggestion: `dojo.yaml keys are all optional; the form is:\n${EXAMPLE}`,
      location: issues[0]!.location,
    });
  }
  return parsed.success ? parsed.data : {};
}

/** Where a mapping key itself is written (its value may start on the next line). */
function keyLocation(src: YamlSource, path: string[], key: string): Location {
  const parent = (path.length ? src.doc.getIn(path, true) : src.doc.contents) as Node | null;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
    if (range) {
      const pos = src.lines.linePos(range[0]);
      return { file: src.file, line: pos.line, column: pos.col };
    }
  }
  return locate(src, [...path, key]);
}
