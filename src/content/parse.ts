import { readFileSync } from 'node:fs';
import matter from 'gray-matter';
import type { ZodType, ZodTypeDef } from 'zod';
import { DojoError } from '../errors.js';
import { parseYaml } from './yaml-source.js';
import { validateSource, type Parsed } from './validate-source.js';

export type { Parsed } from './validate-source.js';
type Schema<T> = ZodType<T, ZodTypeDef, unknown>;

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
