// Run by scripts/build.mjs: validates the built-in course (schema, references, check kinds) and
// writes dist/course.json. A content error fails the build with file:line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_FILE, toCache } from './content/cache.js';
import { loadCourseWithIssues } from './content/load.js';
import { kindCatalog } from './checks/catalog.js';
import { builtinCourseDir } from './context.js';
import { formatLocation } from './errors.js';

const dir = builtinCourseDir();
const { course, issues } = loadCourseWithIssues(dir, kindCatalog());
if (!course || issues.length) {
  for (const i of issues) process.stderr.write(`${formatLocation(i.location)}: ${i.message}\n`);
  process.exit(2);
}
writeFileSync(join(dir, 'dist', CACHE_FILE), JSON.stringify(toCache(course)));
