import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes');
const text = z.string().trim().min(1, 'must not be empty');
/** A file of the student's workspace, as a CI step names it: relative, `/`-separated, never leaving it. */
const workspacePath = z
  .string()
  .regex(/^(?!\/)(?!.*\\)(?!(.*\/)?\.\.(\/|$))[^\s]+$/, 'a path relative to the workspace, with / and without .. or spaces');

export const labFrontMatter = z
  .object({
    id: z.string().regex(/^lab-\d{2}$/, 'lab ids look like lab-01'),
    title: text,
    order: z.number().int().positive(),
    summary: text.optional(),
    targets: z
      .object({
        services: z.array(text).default([]),
        // The course's layout for each service; a workspace's dojo.yaml overrides any of it.
        layout: z
          .record(
            text,
            z.object({ context: text, dockerfile: text, image: text, container: text, compose: text }).partial().strict(),
          )
          .default({}),
        // true = the lab works on a network / volume; a name also gives the course's default name.
        network: z.union([z.boolean(), text]).default(false),
        volume: z.union([z.boolean(), text]).default(false),
        compose: z.boolean().default(false),
      })
      .strict()
      .default({}),
    // What a CI run must do before the exit gate can judge this lab (`dojo ci init` writes the steps).
    ci: z
      .object({
        // `dojo lab start <lab>` first: the lab's break-fix scenarios (scenarios/<lab>.yaml).
        scenarios: z.boolean().default(false),
        // The student's own committed scripts, run with bash from the workspace root, in this order.
        scripts: z
          .array(
            z
              .object({
                file: workspacePath,
                exercises: z.array(z.string().regex(/^\d+[a-z]$/, 'exercise ids look like 1a, 2b')).min(1),
                // What the student puts in it: shown when the file is missing, and as the step's comment.
                purpose: text,
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .default({}),
    exercises: z
      .array(
        z
          .object({
            id: z.string().regex(/^\d+[a-z]$/, 'exercise ids look like 1a, 2b'),
            title: text,
            concepts: z.array(text).min(1),
            objectives: z.array(text).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const docLink = z.object({ title: text, url: z.string().url(), lookFor: text }).strict();

export const hintsFile = z
  .object({
    lab: z.string().regex(/^lab-\d{2}$/),
    // Failed attempts that open each level; a deeper level cannot open before a shallower one.
    unlock: z
      .object({
        level2: z.number().int().min(0).default(1),
        level3: z.number().int().min(0).default(2),
        answer: z.number().int().min(0).default(3),
      })
      .strict()
      .superRefine((u, ctx) => {
        if (u.level3 < u.level2) ctx.addIssue({ code: 'custom', path: ['level3'], message: `level3 (${u.level3}) opens before level2 (${u.level2}); thresholds must not go down: level2 <= level3 <= answer` });
        if (u.answer < u.level3) ctx.addIssue({ code: 'custom', path: ['answer'], message: `answer (${u.answer}) opens before level3 (${u.level3}); thresholds must not go down: level2 <= level3 <= answer` });
      })
      .default({}),
    exercises: z.record(
      z.string(),
      z
        .object({
          level1: z.array(text).min(1),
          level2: z.array(docLink).min(1),
          level3: text,
          answer: text,
          validation: z.array(text).length(3, 'give exactly three exit-gate questions: why, what if, redo'),
        })
        .strict(),
    ),
    mistakes: z
      .array(z.object({ id, exercise: z.string().optional(), title: text, question: text }).strict())
      .default([]),
  })
  .strict();

export const checksFile = z
  .object({
    lab: z.string().regex(/^lab-\d{2}$/),
    checks: z
      .array(
        z
          .object({
            id,
            exercise: z.string(),
            kind: id,
            title: text,
            service: text.optional(),
            params: z.record(z.string(), z.unknown()).default({}),
            mistake: id,
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type LabFrontMatter = z.infer<typeof labFrontMatter>;
export type HintsFile = z.infer<typeof hintsFile>;
export type ChecksFile = z.infer<typeof checksFile>;
export type CheckDef = ChecksFile['checks'][number];
export type ExerciseHints = HintsFile['exercises'][string];

export const examples = {
  lab: `---\nid: lab-01\ntitle: Containers and Dockerfile fundamentals\norder: 1\ntargets: { services: [api-service] }\nexercises:\n  - id: 1a\n    title: Namespaces and isolation\n    concepts: [namespaces]\n    objectives: [Explain what a PID namespace hides]\n---`,
  hints: `lab: lab-01\nexercises:\n  1a:\n    level1: ["What does a new UTS namespace change?"]\n    level2: [{ title: namespaces(7), url: "https://man7.org/linux/man-pages/man7/namespaces.7.html", lookFor: "the table of types" }]\n    level3: "A narrow hint"\n    answer: "The answer"\n    validation: ["Why?", "What if?", "Could you redo it?"]\nmistakes:\n  - { id: shell-form-cmd, title: CMD in shell form, question: "Which process receives SIGTERM?" }`,
  checks: `lab: lab-01\nchecks:\n  - id: exec-form\n    exercise: 1b\n    kind: exec-form\n    title: CMD and ENTRYPOINT use the exec form\n    mistake: shell-form-cmd`,
} as const;
