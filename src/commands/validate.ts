import { resolve } from 'node:path';
import type { GlobalOptions } from '../context.js';
import { usageError } from '../errors.js';
import { loadCourseWithIssues } from '../content/load.js';
import type { ContentIssue } from '../content/types.js';
import { kindCatalog } from '../checks/catalog.js';
import { listKinds, type KindsResult } from './kinds.js';
import { scenarioIssues } from '../scenarios/validate.js';
import type { SolutionsResult } from './validate-solutions.js';

export interface ValidateResult {
  type: 'validate';
  dir: string;
  labs: number;
  checks: number;
  issues: ContentIssue[];
  notices: string[];
}

export async function validate(
  g: GlobalOptions, dir: string | undefined, o: { kinds?: boolean; solutions?: boolean; lab?: string[]; standIn?: string[] } = {},
): Promise<ValidateResult | KindsResult | SolutionsResult> {
  if (!o.solutions && (o.lab?.length || o.standIn?.length)) throw usageError('--lab and --stand-in go with --solutions', 'dojo validate --solutions --lab lab-01 --stand-in <image>=<local image>');
  const target = resolve(dir ?? g.course);
  const { course, issues } = loadCourseWithIssues(target, kindCatalog());
  if (o.kinds) return listKinds(course);
  if (course) issues.push(...scenarioIssues(course));
  if (course) issues.push(...(await import('../solutions/static-issues.js')).solutionIssues(course));
  // Solutions are judged only by a course whose content is valid: the problems come first.
  if (o.solutions && course && !issues.length) return (await import('./validate-solutions.js')).validateSolutions(g, course, o);
  return {
    type: 'validate',
    dir: target,
    labs: course?.labs.length ?? 0,
    checks: course?.labs.reduce((n, l) => n + l.checks.length, 0) ?? 0,
    issues,
    notices: [],
  };
}
