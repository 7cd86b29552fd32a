import { resolve } from 'node:path';
import type { GlobalOptions } from '../context.js';
import { loadCourseWithIssues } from '../content/load.js';
import type { ContentIssue } from '../content/types.js';
import { kindCatalog } from '../checks/catalog.js';
import { listKinds, type KindsResult } from './kinds.js';
import { scenarioIssues } from '../scenarios/validate.js';

export interface ValidateResult {
  type: 'validate';
  dir: string;
  labs: number;
  checks: number;
  issues: ContentIssue[];
  notices: string[];
}

export async function validate(g: GlobalOptions, dir: string | undefined, o: { kinds?: boolean } = {}): Promise<ValidateResult | KindsResult> {
  const target = resolve(dir ?? g.course);
  const { course, issues } = loadCourseWithIssues(target, kindCatalog());
  if (o.kinds) return listKinds(course);
  if (course) issues.push(...scenarioIssues(course));
  return {
    type: 'validate',
    dir: target,
    labs: course?.labs.length ?? 0,
    checks: course?.labs.reduce((n, l) => n + l.checks.length, 0) ?? 0,
    issues,
    notices: [],
  };
}
