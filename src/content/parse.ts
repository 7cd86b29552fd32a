import { readFileSync } from 'node:fs';
import matter from 'gray-matter';
import type { ZodType, ZodTypeDef } from 'zod';

type Schema<T> = ZodType<T, ZodTypeDef, unknown>;
import { DojoError } from '../errors.js';
import { locate, parseYaml, type YamlSource } from './yaml-source.js';
import type { ContentIssue } from './types.js';

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

export function parseYamlFile<T>(file: string, schema: Schema<T>, example: string): Parsed<T> {
  return validateSource(parseYaml(file, readText(file)), schema, example);
}

export function parseMarkdownFile<T>(file: string, schema: Schema<T>, example: string): Parsed<T> & { body: string } {
  const raw = readText(file);
  if (!raw.startsWith('---')) {
    throw new DojoError({
      code: 'E_CONTENT_FRONT_MATTER',
      message: `${file}:1: a lab file starts with YAML front matter between two \`---\` lines`,
      suggestion: `Start the file like this:\n${example}`,
      location: { file, line: 1 },
    });
  }
  // gray-matter splits the file; the `yaml` package re-parses the front matter to keep positions.
  const fm = matter(raw, { engines: { yaml: () => ({}) } });
  const parsed = validateSource(parseYaml(file, fm.matter.replace(/^\r?\n/, ''), 1), schema, example);
  return { ...parsed, body: fm.content };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new DojoError({
      code: 'E_CONTENT_READ',
      message: `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      location: { file },
    });
  }
}
