import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentIssue, Course } from '../content/types.js';
import { DojoError } from '../errors.js';
import { labServices } from './prepare.js';
import { readSetup, SETUP_FILE } from './setup.js';

/**
 * What `dojo validate` can tell about solutions/ and starters/ without the engine: a folder for a
 * lab the course does not have, and a setup.yaml that is not valid for its lab.
 */
export function solutionIssues(course: Course): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const side of ['solutions', 'starters']) {
    const root = join(course.dir, side);
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) {
      const dir = join(root, name);
      if (!statSync(dir).isDirectory()) continue;
      const lab = course.labs.find((l) => l.meta.id === name);
      if (!lab) {
        issues.push({ code: 'E_ORPHAN_FILE', location: { file: dir }, message: `${side}/${name} belongs to no lab of this course`, suggestion: `Name the folder after a lab id: ${course.labs.map((l) => l.meta.id).join(', ')}.` });
        continue;
      }
      try {
        readSetup(dir, labServices(lab), lab.checks.map((c) => c.id), course.dir);
      } catch (err) {
        if (!(err instanceof DojoError)) throw err;
        for (const line of [err.message, ...err.details]) {
          const m = /^(.*):(\d+): (.*)$/.exec(line);
          issues.push({ code: 'E_SOLUTION_SETUP', location: { file: m?.[1] ?? join(dir, SETUP_FILE), line: Number(m?.[2] ?? 1) }, message: m?.[3] ?? line, suggestion: err.suggestion });
        }
      }
    }
  }
  return issues;
}
