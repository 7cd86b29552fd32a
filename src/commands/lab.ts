import type { GlobalOptions } from '../context.js';
import { DojoError, ExitCode, usageError } from '../errors.js';
import { interruptSignal, track } from '../engine/cleanup.js';
import type { Engine } from '../engine/client.js';
import { cleanScenarios, stillRecorded } from '../scenarios/clean.js';
import { findScenarioObjects, removeObjects, type FoundObject } from '../scenarios/objects.js';
import { loadScenarios } from '../scenarios/schema.js';
import { startScenarios } from '../scenarios/start.js';
import { toolImage } from '../scenarios/tool-image.js';
import { refuseTakenNames, views, type LabScenarioView } from '../scenarios/preflight.js';
import { readState, writeState } from '../state/store.js';
import { courseKey } from '../state/course-key.js';
import { dojoCommand } from '../rerun.js';
import type { CourseState, ScenarioObject } from '../state/types.js';
import { loadWorkspace, workspaceOptions } from '../workspace.js';
import { openCourse, requireLab } from './shared.js';

export interface LabResult {
  type: 'lab';
  action: 'start' | 'stop';
  lab: string;
  exercise: string;
  toolImage: { ref: string; why: string } | null;
  scenarios: LabScenarioView[];
  removed: FoundObject[];
  failed: { type: string; name: string; error: string }[];
  exitCode: number;
  notices: string[];
}

async function open(g: GlobalOptions, labId: string) {
  const course = await openCourse(g);
  const lab = requireLab(course, labId);
  const file = loadScenarios(course.dir, lab.meta.id);
  if (!file) {
    const withScenarios = course.labs.filter((l) => loadScenarios(course.dir, l.meta.id)).map((l) => l.meta.id);
    throw usageError(`${lab.meta.id} has no break-fix scenarios to start or stop`, `Labs with scenarios: ${withScenarios.join(', ') || 'none'}.`);
  }
  return { course, lab, file };
}

async function engine(): Promise<Engine> {
  const { connectEngine } = await import('../engine/client.js');
  return connectEngine();
}

/** Creates the lab's broken scenarios on the student's engine, each object recorded before it exists. */
export async function labStart(g: GlobalOptions, labId: string): Promise<LabResult> {
  const { course, lab, file } = await open(g, labId);
  const ws = await loadWorkspace(g.workspace, workspaceOptions(course.labs, lab));
  const id = lab.meta.id;
  const { state, progress, notices } = await readState(ws.dir, courseKey(course.dir));
  const e = await engine();
  const existing = await findScenarioObjects(e, id, ws.dir, progress.labs[id]?.scenarioObjects ?? [], file.image);
  if (existing.length) {
    throw new DojoError({
      code: 'E_LAB_RUNNING',
      message: `${id}'s scenarios are already on the engine (${existing.map((o) => o.name).join(', ')})`,
      suggestion: `Keep working on them, or start over with \`${dojoCommand(g, ['lab', 'stop', id])}\` and then \`${dojoCommand(g, ['lab', 'start', id])}\`.`,
      exitCode: ExitCode.badInput,
    });
  }
  await refuseTakenNames(e, file);
  const tool = await toolImage(e, ws.probeImage);

  const signal = interruptSignal();
  const recorded = new Map<string, ScenarioObject>();
  const save = () => {
    (progress.labs[id] ??= { exercises: {} }).scenarioObjects = [...recorded.values()];
    writeState(ws.dir, state);
  };
  // Ctrl-C or a failure half-way: remove what exists so far, and forget it once it is gone.
  let finished = false;
  let running: Promise<unknown> = Promise.resolve();
  const undo = track(`${id} scenarios`, async () => {
    if (finished) return;
    // Creates already sent finish first (the abort stops new ones), so none lands after the removal.
    await running.catch(() => undefined);
    const outcome = await cleanScenarios(e, id, ws.dir, [...recorded.values()], file.image);
    recorded.clear();
    for (const o of stillRecorded(outcome)) recorded.set(`${o.type}:${o.name}`, o);
    setRecorded(progress, id, [...recorded.values()]);
    writeState(ws.dir, state);
  });
  let started;
  try {
    const work = startScenarios(e, file, { lab: id, workspace: ws.dir, toolImage: tool.ref, signal, record: (o) => (recorded.set(`${o.type}:${o.name}`, o), save()) });
    running = work;
    started = await work;
  } catch (err) {
    await undo();
    if (signal.aborted) throw interruptedStart(id);
    throw new DojoError({
      code: 'E_LAB_START',
      message: `${id}'s scenarios could not be created: ${(err as { json?: { message?: string } }).json?.message ?? (err as Error).message}`,
      suggestion: 'What had been created was removed again. `dojo doctor` shows whether the engine is healthy.',
      exitCode: ExitCode.checkFailed,
    });
  }
  // A signal that lands as the last create returns: the handler's removal is already under way.
  if (signal.aborted) throw interruptedStart(id);
  finished = true;
  await undo();
  const scenarios = await views(e, file, started.map((s) => s.name)).catch((err) => {
    // The start was complete and recorded: the scenarios stay, as after an uninterrupted start.
    if (signal.aborted) throw new DojoError({ code: 'E_INTERRUPTED', message: `interrupted after ${id}'s scenarios were created; \`dojo lab stop ${id}\` removes them`, exitCode: ExitCode.interrupted });
    throw err;
  });
  return {
    type: 'lab', action: 'start', lab: id, exercise: file.exercise, toolImage: tool,
    scenarios, removed: [], failed: [], exitCode: ExitCode.ok, notices,
  };
}

const interruptedStart = (id: string) =>
  new DojoError({ code: 'E_INTERRUPTED', message: `interrupted: what ${id}'s start had created was removed`, exitCode: ExitCode.interrupted });

/** Removes every scenario object of the lab in this workspace (recorded, labelled, or run from its image). */
export async function labStop(g: GlobalOptions, labId: string): Promise<LabResult> {
  const { course, lab, file } = await open(g, labId);
  const id = lab.meta.id;
  const { state, progress, notices } = await readState(g.workspace, courseKey(course.dir));
  const e = await engine();
  const found = await findScenarioObjects(e, id, g.workspace, progress.labs[id]?.scenarioObjects ?? [], file.image);
  const outcome = await removeObjects(e, found);
  if (progress.labs[id]) {
    setRecorded(progress, id, stillRecorded(outcome));
    writeState(g.workspace, state);
  }
  if (!found.length) notices.push(`${id} had no scenario objects on the engine; nothing was removed.`);
  return {
    type: 'lab', action: 'stop', lab: id, exercise: file.exercise, toolImage: null, scenarios: [],
    removed: outcome.removed, failed: outcome.failed.map((f) => ({ type: f.object.type, name: f.object.name, error: f.error })),
    exitCode: outcome.failed.length ? ExitCode.checkFailed : ExitCode.ok, notices,
  };
}

function setRecorded(progress: CourseState, lab: string, objects: ScenarioObject[]): void {
  const s = progress.labs[lab];
  if (!s) return;
  if (objects.length) s.scenarioObjects = objects;
  else delete s.scenarioObjects;
}
