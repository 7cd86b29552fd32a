import { stringify } from 'yaml';
import { KINDS } from '../checks/kinds/index.js';
import { describeType, toJsonSchema, type JsonSchema } from '../content/json-schema.js';
import type { Course } from '../content/types.js';

export interface KindParam { name: string; type: string; required: boolean; default?: unknown }
export interface KindInfo { name: string; description: string; params: KindParam[]; example: string }
export interface KindsResult { type: 'kinds'; kinds: KindInfo[]; notices: string[] }

/**
 * Every check kind with its parameters, read from the kinds' own zod schemas (never written twice).
 * The example is the first use in the course when there is one, else built from the schema.
 */
export function listKinds(course: Course | undefined): KindsResult {
  const uses = new Map<string, Record<string, unknown>>();
  for (const c of course?.labs.flatMap((l) => l.checks) ?? []) if (!uses.has(c.kind)) uses.set(c.kind, c.params);
  const kinds = KINDS.map((k) => {
    const schema = toJsonSchema(k.params);
    const props = schema.properties ?? {};
    const params = Object.entries(props).map(([name, s]) => ({
      name,
      type: describeType(s),
      required: (schema.required ?? []).includes(name) && s.default === undefined,
      ...(s.default !== undefined ? { default: s.default } : {}),
    }));
    const used = uses.get(k.name);
    const example = used ?? Object.fromEntries(params.filter((p) => p.required).map((p) => [p.name, placeholder(props[p.name]!)]));
    return { name: k.name, description: k.description, params, example: checkYaml(k.name, example) };
  });
  return { type: 'kinds', kinds, notices: [] };
}

function placeholder(s: JsonSchema): unknown {
  if (s.anyOf) return placeholder(s.anyOf[0]!);
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'array': return [placeholder(s.items ?? {})];
    case 'object': return {};
    case 'number': case 'integer': return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean': return true;
    default: return typeof s.pattern === 'string' && s.pattern.startsWith('^\\/') ? '/path' : 'name';
  }
}

const checkYaml = (kind: string, params: Record<string, unknown>): string =>
  stringify([{ id: kind, exercise: '1a', kind, title: '…', mistake: '…', ...(Object.keys(params).length ? { params } : {}) }], { lineWidth: 0 }).trimEnd();
