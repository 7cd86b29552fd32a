import { ZodArray, ZodDefault, ZodEffects, ZodObject, ZodOptional, ZodRecord, ZodNullable, type ZodIssue, type ZodTypeAny } from 'zod';
import { closest } from '../suggest.js';
import { locate, locateKey, sourceText, type YamlSource } from './yaml-source.js';
import type { ContentIssue } from './types.js';

type Path = (string | number)[];

/**
 * zod's issues as an author needs them: at the line of the bad value (the key, for an unknown key),
 * with a did-you-mean and the allowed keys, and a hint when YAML typed a value the author meant as text.
 * `base` is where `schema` sits in the file (params of a check sit under checks.N.params).
 */
export function fromZod(src: YamlSource, issues: ZodIssue[], schema: ZodTypeAny, base: Path = [], example?: string): ContentIssue[] {
  return issues.flatMap((issue): ContentIssue[] => {
    const path = [...base, ...issue.path];
    const where = (p: Path) => (p.length ? p.join('.') : '(top level)');
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysOf(schemaAt(schema, issue.path));
      return issue.keys.map((key) => {
        const near = closest(key, allowed);
        return {
          code: 'E_UNKNOWN_KEY',
          location: locateKey(src, path, key),
          message: `${where([...path, key])}: unknown key "${key}"${near ? `; did you mean "${near}"?` : ''}`,
          suggestion: `allowed keys${path.length ? ` in ${where(path)}` : ''}: ${allowed.join(', ')}`,
          example,
        };
      });
    }
    const location = locate(src, path);
    const absent = issue.code === 'invalid_union' && !src.doc.hasIn(path);
    if ((issue.code === 'invalid_type' && issue.received === 'undefined') || absent) {
      const expected = issue.code === 'invalid_type' ? issue.expected : 'a value';
      return [{ code: 'E_SCHEMA', location, message: `${where(path)}: missing (expected ${expected})`, example }];
    }
    if (issue.code === 'invalid_type' && issue.expected === 'string' && ['number', 'boolean', 'integer', 'float'].includes(issue.received)) {
      const raw = sourceText(src, path) ?? '';
      return [{
        code: 'E_SCHEMA', location, example,
        message: `${where(path)}: expected text, but YAML read the unquoted ${raw} as a ${issue.received}`,
        suggestion: `put it in quotes: "${raw}"`,
      }];
    }
    if (issue.code === 'invalid_enum_value') {
      const near = closest(String(issue.received), issue.options.map(String));
      return [{ code: 'E_SCHEMA', location, example, message: `${where(path)}: ${issue.message}${near ? `; did you mean "${near}"?` : ''}` }];
    }
    const expected = issue.code === 'invalid_type' ? `expected ${issue.expected}, found ${issue.received}` : issue.message;
    return [{ code: 'E_SCHEMA', location, message: `${where(path)}: ${expected}`, example }];
  });
}

/** The schema of the value at `path`, looking through optional/default/refine wrappers. */
export function schemaAt(schema: ZodTypeAny, path: Path): ZodTypeAny | undefined {
  let s: ZodTypeAny | undefined = schema;
  for (const step of [...path, null]) {
    while (s instanceof ZodOptional || s instanceof ZodDefault || s instanceof ZodNullable || s instanceof ZodEffects) {
      s = s instanceof ZodEffects ? s.innerType() : (s._def.innerType as ZodTypeAny);
    }
    if (step === null || !s) return s;
    if (s instanceof ZodObject) s = (s.shape as Record<string, ZodTypeAny>)[String(step)];
    else if (s instanceof ZodArray) s = s.element as ZodTypeAny;
    else if (s instanceof ZodRecord) s = s.valueSchema as ZodTypeAny;
    else return undefined;
  }
  return s;
}

export const keysOf = (s: ZodTypeAny | undefined): string[] => (s instanceof ZodObject ? Object.keys(s.shape as object) : []);
