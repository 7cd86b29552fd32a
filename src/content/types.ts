import type { CheckDef, ExerciseHints, HintsFile, LabFrontMatter } from './schema.js';
import type { Location } from '../errors.js';

export interface Lab {
  meta: LabFrontMatter;
  body: string;
  file: string;
  hints: HintsFile;
  checks: CheckDef[];
  /** Where each check was defined, for error messages. */
  checkLocations: Map<string, Location>;
}

export interface Course {
  dir: string;
  labs: Lab[];
}

export interface ContentIssue {
  location: Location;
  message: string;
  /** The right form, shown after the error. */
  example?: string;
  /** Advice when there is no example to show. */
  hint?: string;
}

export type { CheckDef, ExerciseHints, LabFrontMatter };

export function findLab(course: Course, id: string): Lab | undefined {
  return course.labs.find((l) => l.meta.id === id || l.meta.id === `lab-${id.padStart(2, '0')}`);
}

export function exerciseHints(lab: Lab, exercise: string): ExerciseHints {
  const hints = lab.hints.exercises[exercise];
  if (!hints) throw new Error(`no hints for ${lab.meta.id} ${exercise}`); // prevented by cross-check
  return hints;
}
