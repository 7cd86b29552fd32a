import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const COURSE = fileURLToPath(new URL('../..', import.meta.url));
/** Every folder a course is made of (scenarios/ holds the break-fix definitions, sources/ what solutions and starters share). */
const PARTS = ['labs', 'hints', 'checks', 'scenarios', 'sources'];

/** A copy of the built-in course in a temp folder, for tests that break it on purpose. */
export function copyCourse(prefix = 'dojo-course-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const d of PARTS) if (existsSync(join(COURSE, d))) cpSync(join(COURSE, d), join(dir, d), { recursive: true });
  return dir;
}
