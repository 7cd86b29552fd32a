import type { GlobalOptions } from '../context.js';
import { courseKey } from '../state/course-key.js';
import { readState } from '../state/store.js';
import { exerciseStatus, openCourse, type ExerciseStatus } from './shared.js';

export interface ListResult {
  type: 'list';
  labs: {
    id: string;
    title: string;
    order: number;
    passed: number;
    total: number;
    exercises: { id: string; title: string; status: ExerciseStatus }[];
  }[];
  notices: string[];
}

export async function list(g: GlobalOptions): Promise<ListResult> {
  const course = (await openCourse(g));
  const { progress, notices } = await readState(g.workspace, courseKey(course.dir));
  const labs = course.labs.map((lab) => {
    const exercises = lab.meta.exercises.map((e) => ({
      id: e.id,
      title: e.title,
      status: exerciseStatus(progress.labs[lab.meta.id]?.exercises[e.id]),
    }));
    return {
      id: lab.meta.id,
      title: lab.meta.title,
      order: lab.meta.order,
      passed: exercises.filter((e) => e.status === 'passed').length,
      total: exercises.length,
      exercises,
    };
  });
  return { type: 'list', labs, notices };
}
