import { BUILTIN_COURSE_KEY } from './course-key.js';
import { STATE_VERSION } from './types.js';

type Data = Record<string, unknown>;

/** One step of the chain: turns a state file of version `from` into one of version `to` (= from + 1). */
export interface Migration {
  from: number;
  to: number;
  migrate(data: Data): Data;
}

/** Applies `fn` to every exercise record; anything not shaped like one is left for the schema to report. */
function mapExercises(data: Data, fn: (ex: Data) => Data): Data {
  if (!isObject(data.labs)) return data;
  const labs = Object.fromEntries(
    Object.entries(data.labs).map(([id, lab]) => {
      if (!isObject(lab) || !isObject(lab.exercises)) return [id, lab];
      const exercises = Object.fromEntries(Object.entries(lab.exercises).map(([ex, s]) => [ex, isObject(s) ? fn(s) : s]));
      return [id, { ...lab, exercises }];
    }),
  );
  return { ...data, labs };
}

const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

export const MIGRATIONS: readonly Migration[] = [
  {
    // v1 counted every run as an attempt and had no fingerprints: its attempts were all runs, and
    // with no counted fingerprint the next failed run counts.
    from: 1,
    to: 2,
    migrate: (data) => mapExercises(data, (ex) => ({ ...ex, runs: ex.attempts })),
  },
  {
    // v3 adds the exit gate's answers (per exercise) and break-fix scenario objects (per lab); both
    // start empty, so a v2 file keeps all of its progress and gains nothing it must fill in.
    from: 2,
    to: 3,
    migrate: (data) => data,
  },
  {
    // v4 keys progress by course, so two course packs with the same lab ids no longer share it.
    // Before v4 only the built-in course could be told apart from nothing, so everything a v3 file
    // holds moves, unchanged, under the built-in course's key: no progress is dropped (and the
    // v3 file itself is kept beside the upgraded one).
    from: 3,
    to: 4,
    migrate: ({ labs, ...rest }) => ({ ...rest, courses: { [BUILTIN_COURSE_KEY]: { labs } } }),
  },
];

export class UnknownVersion extends Error {}

/** Runs the chain from the file's version up to STATE_VERSION; the result still needs validating. */
export function migrate(data: Data & { version: number }, migrations: readonly Migration[] = MIGRATIONS, target = STATE_VERSION): Data {
  let current: Data = data;
  for (let version = data.version; version < target; ) {
    const step = migrations.find((m) => m.from === version);
    if (!step) throw new UnknownVersion(`has state version ${version}, which no dojo wrote`);
    current = { ...step.migrate(current), version: step.to };
    version = step.to;
  }
  return current;
}
