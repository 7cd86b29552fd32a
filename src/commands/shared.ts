import { join } from 'node:path';
import { CACHE_FILE, readCourseCache } from '../content/cache.js';
import { findLab, type Course, type Lab } from '../content/types.js';
import { builtinCourseDir } from '../context.js';
import { usageError } from '../errors.js';
import { closest } from '../suggest.js';
import type { GlobalOptions } from '../context.js';
import type { CourseState, ExerciseState } from '../state/types.js';

/** The course, from the build-time cache when it is the built-in course and unchanged. */
export async function openCourse(g: GlobalOptions): Promise<Course> {
  const builtin = builtinCourseDir();
  if (g.course.replace(/[\\/]$/, '') === builtin.replace(/[\\/]$/, '')) {
    const cached = readCourseCache(builtin, join(builtin, 'dist', CACHE_FILE));
    if (cached) return cached;
  }
  const { loadCourse } = await import('../content/load.js');
  const { kindCatalog } = await import('../checks/catalog.js');
  return loadCourse(g.course, kindCatalog());
}

export function requireLab(course: Course, id: string): Lab {
  const lab = findLab(course, id);
  if (!lab) {
    const known = course.labs.map((l) => l.meta.id);
    // "lab-3", "lab3" and "3" all mean lab-03.
    const number = /^(?:lab-?)?(\d{1,2})$/i.exec(id)?.[1];
    const guess = number !== undefined ? known.find((k) => k === `lab-${number.padStart(2, '0')}`) : closest(id, known);
    throw usageError(`no lab "${id}" in this course${guess ? `; did you mean ${guess}?` : ''}`, `Known labs: ${known.join(', ')}. Try \`dojo list\`.`);
  }
  return lab;
}

export function requireExercise(lab: Lab, id: string): string {
  if (!lab.meta.exercises.some((e) => e.id === id)) {
    throw usageError(
      `${lab.meta.id} has no exercise "${id}"`,
      `Its exercises: ${lab.meta.exercises.map((e) => e.id).join(', ')}.`,
    );
  }
  return id;
}

export type ExerciseStatus = 'not-started' | 'failing' | 'in-progress' | 'passed';

/**
 * `in-progress`: the last run failed nothing but did not cover every check of the exercise (an
 * --only run, or checks that could not look), so it is neither failing nor passed.
 */
export function exerciseStatus(ex: ExerciseState | undefined): ExerciseStatus {
  if (ex?.passedAt && ex.lastResult !== 'fail') return 'passed';
  if (!ex || ex.attempts === 0) return 'not-started';
  return ex.lastResult === 'fail' ? 'failing' : 'in-progress';
}

/** The exercise a student most likely means: the one that failed last, else the first not passed. */
export function defaultExercise(lab: Lab, progress: CourseState): string {
  const exercises = progress.labs[lab.meta.id]?.exercises ?? {};
  const failing = Object.entries(exercises)
    .filter(([, e]) => e.lastResult === 'fail' && e.lastRunAt)
    .sort(([, a], [, b]) => String(b.lastRunAt).localeCompare(String(a.lastRunAt)));
  if (failing[0]) return failing[0][0];
  const open = lab.meta.exercises.find((e) => exerciseStatus(exercises[e.id]) !== 'passed');
  return (open ?? lab.meta.exercises[lab.meta.exercises.length - 1]!).id;
}
