import { configSchema } from '../workspace/config.js';
import { setupSchema } from '../solutions/setup.js';
import { KINDS } from '../checks/kinds/index.js';
import { checksFile, hintsFile, labFrontMatter } from './schema.js';
import { toJsonSchema, type JsonSchema } from './json-schema.js';

/**
 * The published JSON Schemas (schemas/*.json), generated from the zod schemas the loader uses, so
 * an editor's completion and `dojo validate` never disagree. checks.schema.json also knows each
 * kind's params, by the item's `kind:`.
 */
export function jsonSchemas(): Record<string, JsonSchema> {
  return {
    'lab.schema.json': titled(toJsonSchema(labFrontMatter), 'dojo lab front matter (labs/<lab>.md, between the --- lines)'),
    'hints.schema.json': titled(toJsonSchema(hintsFile), 'dojo hint ladders and mistakes (hints/<lab>.yaml)'),
    'checks.schema.json': titled(checksWithKinds(), 'dojo checks (checks/<lab>.yaml)'),
    'dojo.schema.json': titled(toJsonSchema(configSchema), "dojo workspace layout (dojo.yaml in the student's project)"),
    'setup.schema.json': titled(toJsonSchema(setupSchema), 'what dojo validate --solutions builds and starts for a solution or starter (solutions/<lab>/setup.yaml, starters/<lab>/setup.yaml)'),
  };
}

function checksWithKinds(): JsonSchema {
  const schema = toJsonSchema(checksFile);
  const item = (schema.properties!.checks as JsonSchema).items!;
  item.properties!.kind = { type: 'string', enum: KINDS.map((k) => k.name), description: 'see `dojo validate --kinds`' };
  item.allOf = KINDS.map((k) => {
    const { $schema: _s, ...params } = toJsonSchema(k.params);
    return { if: { properties: { kind: { const: k.name } }, required: ['kind'] }, then: { properties: { params: { ...params, description: k.description } } } };
  });
  return schema;
}

const titled = (s: JsonSchema, title: string): JsonSchema => {
  const { $schema, ...rest } = s;
  return { $schema, title, ...rest };
};
