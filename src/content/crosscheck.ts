import { closest } from '../suggest.js';
import type { ContentIssue, Course } from './types.js';

/** What the loader needs to know of the check kinds, without loading any engine code. */
export interface KindCatalog {
  has(kind: string): boolean;
  validateParams(kind: string, params: unknown): string | undefined;
  /** The service names a check's params refer to (only called once the params are valid). */
  servicesIn(kind: string, params: unknown): string[];
}

/** Step 3: references between labs, hints and checks. */
export function crossCheck(course: Course, kinds?: KindCatalog): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const labIds = new Set<string>();
  for (const lab of course.labs) {
    const at = { file: lab.file };
    const labId = lab.meta.id;
    if (labIds.has(labId)) issues.push({ location: at, message: `duplicate lab id ${labId}` });
    labIds.add(labId);
    const exercises = new Set<string>();
    for (const ex of lab.meta.exercises) {
      if (exercises.has(ex.id)) issues.push({ location: at, message: `duplicate exercise id ${ex.id}` });
      exercises.add(ex.id);
      if (!lab.hints.exercises[ex.id]) {
        issues.push({ location: { file: hintsFile(course, labId) }, message: `exercise ${ex.id} has no hint ladder (level1, level2, level3, answer, validation)` });
      }
      if (!lab.checks.some((c) => c.exercise === ex.id)) {
        issues.push({ location: { file: checksFileOf(course, labId) }, message: `exercise ${ex.id} has no checks` });
      }
    }
    for (const ex of Object.keys(lab.hints.exercises)) {
      if (!exercises.has(ex)) issues.push({ location: { file: hintsFile(course, labId) }, message: `hints for unknown exercise ${ex}` });
    }
    const mistakes = new Set<string>();
    for (const m of lab.hints.mistakes) {
      if (mistakes.has(m.id)) issues.push({ location: { file: hintsFile(course, labId) }, message: `duplicate mistake id ${m.id}` });
      mistakes.add(m.id);
      if (m.exercise && !exercises.has(m.exercise)) {
        issues.push({ location: { file: hintsFile(course, labId) }, message: `mistake ${m.id} names unknown exercise ${m.exercise}` });
      }
    }
    const checkIds = new Set<string>();
    for (const check of lab.checks) {
      const loc = lab.checkLocations.get(check.id) ?? { file: checksFileOf(course, labId) };
      const bad = (message: string) => issues.push({ location: loc, message: `check ${check.id}: ${message}` });
      if (checkIds.has(check.id)) bad('duplicate check id');
      checkIds.add(check.id);
      if (!exercises.has(check.exercise)) bad(`unknown exercise ${check.exercise} (known: ${[...exercises].join(', ')})`);
      if (!mistakes.has(check.mistake)) bad(`unknown mistake ${check.mistake}; define it under mistakes: in hints/${labId}.yaml`);
      const targeted = [...new Set([...lab.meta.targets.services, ...Object.keys(lab.meta.targets.layout)])];
      const unknownService = (name: string, where: string) => {
        const near = closest(name, targeted);
        bad(`${where} names service ${name}, which is not among the lab's targets.services (${targeted.join(', ') || 'none'})${near ? `; did you mean ${near}?` : ''}`);
      };
      if (check.service && !lab.meta.targets.services.includes(check.service)) unknownService(check.service, 'service:');
      if (kinds) {
        if (!kinds.has(check.kind)) bad(`unknown kind ${check.kind}; see \`dojo validate --kinds\``);
        else {
          const problem = kinds.validateParams(check.kind, check.params);
          if (problem) bad(`params: ${problem}`);
          else for (const s of kinds.servicesIn(check.kind, check.params)) if (!targeted.includes(s)) unknownService(s, 'params');
        }
      }
    }
  }
  return issues;
}

const hintsFile = (c: Course, lab: string) => `${c.dir}/hints/${lab}.yaml`;
const checksFileOf = (c: Course, lab: string) => `${c.dir}/checks/${lab}.yaml`;
