import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { contentError } from '../content/load.js';
import { parseYamlFile } from '../content/parse.js';

const name = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'a Docker object name: letters, digits, _ . -');
const text = z.string().trim().min(1);
const envValue = z.union([z.string(), z.number()]).transform(String);

/** The stand-in programs dojo builds into the scenario image (src/scenarios/programs.ts writes them). */
const program = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('service'), port: z.number().int().min(1).max(65535), requires: z.array(z.string().regex(/^[A-Z_][A-Z0-9_]*$/)).default([]) }).strict(),
  z.object({ kind: z.literal('loader'), megabytes: z.number().int().min(1).max(512) }).strict(),
  z.object({ kind: z.literal('client') }).strict(),
]);

const container = z
  .object({
    name,
    program: z.string().regex(/^[a-z][a-z0-9-]*$/),
    env: z.record(z.string(), envValue).default({}),
    network: name.optional(),
    /** Container ports published on an ephemeral port of the host's 127.0.0.1. */
    publish: z.array(z.number().int().min(1).max(65535)).default([]),
    memory: z.string().regex(/^\d+[kmg]$/, 'like 16m').optional(),
    /** Part of the scenario's setting, not what the student repairs. */
    support: z.boolean().default(false),
  })
  .strict();

export const scenariosFile = z
  .object({
    lab: z.string().regex(/^lab-\d{2}$/),
    exercise: z.string().regex(/^\d+[a-z]$/),
    /** The local tag of the image dojo builds from a tool image already on the engine. */
    image: z.string().regex(/^[a-z0-9][a-z0-9._/-]*:[A-Za-z0-9._-]+$/, 'a lower-case repository and a tag'),
    programs: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), program),
    networks: z.array(name).default([]),
    scenarios: z
      .array(z.object({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), symptom: text, task: text, containers: z.array(container).min(1) }).strict())
      .min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    f.scenarios.forEach((s, i) => s.containers.forEach((c, j) => {
      if (!f.programs[c.program]) ctx.addIssue({ code: 'custom', path: ['scenarios', i, 'containers', j, 'program'], message: `unknown program ${c.program}; known: ${Object.keys(f.programs).join(', ')}` });
      if (c.network && !f.networks.includes(c.network)) ctx.addIssue({ code: 'custom', path: ['scenarios', i, 'containers', j, 'network'], message: `network ${c.network} is not under networks:` });
    }));
  });

export type ScenariosFile = z.infer<typeof scenariosFile>;
export type Scenario = ScenariosFile['scenarios'][number];
export type ScenarioContainer = Scenario['containers'][number];
export type Program = ScenariosFile['programs'][string];

const EXAMPLE = `lab: lab-05\nexercise: 5b\nimage: dojo-scenario/lab-05:1\nprograms:\n  api: { kind: service, port: 8080, requires: [DATABASE_URL] }\nnetworks: []\nscenarios:\n  - id: missing-env\n    symptom: exits as soon as it starts\n    task: Find out why, then run a fixed container with the same name.\n    containers:\n      - { name: lab05-api, program: api, publish: [8080] }`;

export const scenariosPath = (courseDir: string, lab: string) => join(courseDir, 'scenarios', `${lab}.yaml`);

/** The lab's break-fix scenarios, or null when it has none; bad content is a typed error with file and line. */
export function loadScenarios(courseDir: string, lab: string): ScenariosFile | null {
  const file = scenariosPath(courseDir, lab);
  if (!existsSync(file)) return null;
  const parsed = parseYamlFile(file, scenariosFile, EXAMPLE);
  if (!parsed.value || parsed.issues.length) throw contentError(courseDir, parsed.issues);
  return parsed.value;
}
