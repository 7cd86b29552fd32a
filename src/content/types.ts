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
  /** Stable, for scripts: E_YAML, E_SCHEMA, E_UNKNOWN_KEY, E_UNKNOWN_KIND, ... (README lists them). */
  code: string;
  /** At the bad value itself (or the key, for an unknown key). */
  location: Location;
  message: string;
  /** What to write instead: a did-you-mean, the allowed keys, the expected type. */
  suggestion?: string;
  /** The right form of the whole file, shown once per file. */
  example?: string;
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
