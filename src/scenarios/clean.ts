import type { Engine } from '../engine/client.js';
import type { ScenarioObject } from '../state/types.js';
import { findScenarioObjects, removeObjects, type FoundObject } from './objects.js';

export interface CleanOutcome {
  removed: FoundObject[];
  /** What could not be removed; it stays recorded in the state file for the next `dojo lab stop`. */
  failed: { object: FoundObject; error: string }[];
}

/** Finds every scenario object of the lab in this workspace and removes it; nothing else is touched. */
export async function cleanScenarios(engine: Engine, lab: string, workspace: string, recorded: ScenarioObject[], imageTag?: string): Promise<CleanOutcome> {
  const found = await findScenarioObjects(engine, lab, workspace, recorded, imageTag);
  return removeObjects(engine, found);
}

/** The state entries to keep after a clean: those whose removal failed. */
export const stillRecorded = (o: CleanOutcome): ScenarioObject[] =>
  o.failed.map((f) => ({ type: f.object.type, id: f.object.id, name: f.object.name }));
