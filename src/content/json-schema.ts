import type { ZodTypeAny } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';

export type JsonSchema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
};

/** A zod schema as JSON Schema (draft 7), inlined: editors and `--kinds` read it without $ref. */
export const toJsonSchema = (schema: ZodTypeAny): JsonSchema =>
  zodToJsonSchema(schema, { $refStrategy: 'none', target: 'jsonSchema7', effectStrategy: 'input' }) as JsonSchema;

/** A short type for people: "list of string", "number >= 0", "string | list of string". */
export function describeType(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(describeType).join(' | ');
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.type === 'array') return `list of ${s.items ? describeType(s.items) : 'any'}`;
  if (s.type === 'object') {
    const extra = s.additionalProperties;
    if (s.properties && Object.keys(s.properties).length) return `map {${Object.keys(s.properties).join(', ')}}`;
    return extra && typeof extra === 'object' ? `map of name → ${describeType(extra)}` : 'map';
  }
  const bounds = [
    typeof s.minimum === 'number' ? `>= ${s.minimum}` : typeof s.exclusiveMinimum === 'number' ? `> ${s.exclusiveMinimum}` : '',
    typeof s.maximum === 'number' ? `<= ${s.maximum}` : '',
    s.pattern === '^\\/' ? 'starting with /' : typeof s.pattern === 'string' ? `matching ${s.pattern}` : '',
  ].filter(Boolean);
  const type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any');
  return [type, ...bounds].join(' ');
}
