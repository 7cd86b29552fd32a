import type { ZodType, ZodTypeDef } from 'zod';
import { locate, type YamlSource } from './yaml-source.js';
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
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const where = path.length ? path.join('.') : '(top level)';
    return { location: locate(src, path), message: `${where}: ${issue.message}`, example };
  });
  return { src, issues };
}

