import { readFileSync } from 'node:fs';
import matter from 'gray-matter';
import type { ZodType, ZodTypeDef } from 'zod';
import { parseYamlCollect, type YamlSource } from './yaml-source.js';
import { validateSource } from './validate-source.js';
import type { ContentIssue } from './types.js';

type Schema<T> = ZodType<T, ZodTypeDef, unknown>;

/** A content file after steps 1-2: `src` when it is valid YAML, `value` when it also fits its schema. */
export interface ParsedFile<T> {
  file: string;
  src?: YamlSource;
  value?: T;
  body?: string;
  issues: ContentIssue[];
}

export function parseYamlFile<T>(file: string, schema: Schema<T>, example: string): ParsedFile<T> {
  const text = readText(file);
  if (typeof text !== 'string') return { file, issues: [text] };
  return validated(file, parseYamlCollect(file, text), schema, example);
}

export function parseMarkdownFile<T>(file: string, schema: Schema<T>, example: string): ParsedFile<T> {
  const raw = readText(file);
  if (typeof raw !== 'string') return { file, issues: [raw] };
  if (!raw.startsWith('---')) {
    return { file, issues: [{ code: 'E_FRONT_MATTER', location: { file, line: 1 }, message: 'a lab file starts with YAML front matter between two `---` lines', example }] };
  }
  // gray-matter splits the file; the `yaml` package re-parses the front matter to keep positions.
  const fm = matter(raw, { engines: { yaml: () => ({}) } });
  return { ...validated(file, parseYamlCollect(file, fm.matter.replace(/^\r?\n/, ''), 1), schema, example), body: fm.content };
}

function validated<T>(file: string, parsed: ReturnType<typeof parseYamlCollect>, schema: Schema<T>, example: string): ParsedFile<T> {
  if (!parsed.src) return { file, issues: parsed.issues };
  return { file, ...validateSource(parsed.src, schema, example) };
}

function readText(file: string): string | ContentIssue {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    return { code: 'E_READ', location: { file }, message: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}
