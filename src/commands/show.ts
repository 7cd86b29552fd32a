import type { GlobalOptions } from '../context.js';
import { openCourse, requireLab } from './shared.js';
import type { LabFrontMatter } from '../content/types.js';

export interface ShowResult {
  type: 'show';
  lab: LabFrontMatter & { hasChecks: string[] };
  body: string;
  notices: string[];
}

export async function show(g: GlobalOptions, labId: string): Promise<ShowResult> {
  const lab = requireLab((await openCourse(g)), labId);
  return { type: 'show', lab: { ...lab.meta, hasChecks: lab.checks.map((c) => c.id) }, body: lab.body, notices: [] };
}
