// zod's mini build: the state is read by every command, and the full zod would put ~60 KB more
// into the entry that `dojo hint` loads (the content and kind schemas keep the full zod, lazily).
import * as z from 'zod/v4/mini';
import { STATE_VERSION } from './types.js';

const count = () => z.int().check(z.gte(0));
const timestamp = () => z.optional(z.string());

export const exerciseStateSchema = z.object({
  /** Counted attempts: passes, and failed runs in which something had changed. */
  attempts: count(),
  /** Counted failed attempts: what the hint ladder looks at. */
  failedAttempts: count(),
  /** Every `dojo check` run that evaluated the exercise, counted or not; absent counts as 0. */
  runs: z.optional(count()),
  levelsSeen: z.array(z.int().check(z.gte(1), z.lte(3))),
  answerRevealed: z.boolean(),
  answerRevealedAt: timestamp(),
  lastResult: z.optional(z.enum(['pass', 'fail', 'error'])),
  lastRunAt: timestamp(),
  lastMistakes: z.array(z.string()),
  passedAt: timestamp(),
  /** Fingerprint of what the checks looked at in the last counted attempt. */
  countedFingerprint: z.optional(z.string()),
  /** The student's own words for the exit gate's validation questions, for an instructor to read. */
  validation: z.optional(z.array(z.object({ question: z.string(), answer: z.string(), answeredAt: z.string() }))),
});

/** Something `dojo lab start` created on the engine; kept so a crashed run can still remove it. */
export const scenarioObjectSchema = z.object({
  type: z.enum(['container', 'network', 'volume', 'image']),
  id: z.string(),
  name: z.optional(z.string()),
  scenario: z.optional(z.string()),
  createdAt: z.optional(z.string()),
});

export const labStateSchema = z.object({
  exercises: z.record(z.string(), exerciseStateSchema),
  scenarioObjects: z.optional(z.array(scenarioObjectSchema)),
});

export const courseStateSchema = z.object({
  labs: z.record(z.string(), labStateSchema),
});

export const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  courses: z.record(z.string(), courseStateSchema),
});

/** The first few problems, each as `path: what was expected, what was found`, for a notice a student reads. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], data: unknown, max = 3): string {
  const shown = issues.slice(0, max).map((i) => {
    const path = i.path.map(String).join('.') || '(top level)';
    return `${path}: ${expectation(i)}, found ${found(valueAt(data, i.path))}`;
  });
  const more = issues.length > max ? ` (and ${issues.length - max} more)` : '';
  return shown.join('; ') + more;
}

function expectation(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type': return `expected ${i.expected}`;
    case 'invalid_value': return `expected one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_big': return `expected at most ${String(i.maximum)}`;
    case 'too_small': return `expected at least ${String(i.minimum)}`;
    default: return `invalid (${i.code.replace(/_/g, ' ')})`;
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

const found = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 40) ?? String(v));
