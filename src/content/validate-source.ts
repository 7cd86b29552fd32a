import type { ZodType, ZodTypeAny, ZodTypeDef } from 'zod';
import type { YamlSource } from './yaml-source.js';
import { fromZod } from './issues.js';
import type { ContentIssue } from './types.js';

// Kept apart from parse.ts so that reading a workspace's dojo.yaml does not load gray-matter.
type Schema<T> = ZodType<T, ZodTypeDef, unknown>;

export interface Parsed<T> {
  src: YamlSource;
  value?: T;
  issues: ContentIssue[];
}

/** Step 1 and 2 of loading: parse (keeping positions), then validate against the schema. */
export function validateSource<T>(src: YamlSource, schema: Schema<T>, example: string): Parsed<T> {
  const result = schema.safeParse(src.data ?? {});
  if (result.success) return { src, value: result.data, issues: [] };
  return { src, issues: fromZod(src, result.error.issues, schema as unknown as ZodTypeAny, [], example) };
}
