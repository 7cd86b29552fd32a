// Run by scripts/build.mjs: writes the JSON Schemas generated from the zod schemas into schemas/,
// which ships in the package and which the course files name for editors (yaml-language-server).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinCourseDir } from './context.js';
import { jsonSchemas } from './content/json-schemas.js';

const dir = join(builtinCourseDir(), 'schemas');
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) writeFileSync(join(dir, name), `${JSON.stringify(schema, null, 2)}\n`);
