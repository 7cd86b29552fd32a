import type { ScenarioObject } from '../state/types.js';
import { DojoError } from '../errors.js';
import { cleanScenarios, stillRecorded } from './clean.js';
import { loadScenarios } from './schema.js';

/**
 * For `dojo reset <lab>`: removes the lab's scenario objects too. Returns the entries that must stay
 * recorded (the engine did not answer, or a removal failed), so a later `dojo lab stop` can finish.
 */
export async function resetScenarios(courseDir: string, lab: string, workspace: string, recorded: ScenarioObject[], notices: string[]): Promise<{ removed: string[]; keep: ScenarioObject[] }> {
  const file = loadScenarios(courseDir, lab);
  if (!file && !recorded.length) return { removed: [], keep: [] };
  const { connectEngine } = await import('../engine/client.js');
  let engine;
  try {
    engine = await connectEngine();
  } catch (err) {
    if (!(err instanceof DojoError)) throw err;
    if (recorded.length) notices.push(`${err.message} ${lab}'s ${recorded.length} scenario object(s) stay recorded; run \`dojo lab stop ${lab}\` when the engine is back.`);
    return { removed: [], keep: recorded };
  }
  const outcome = await cleanScenarios(engine, lab, workspace, recorded, file?.image);
  for (const f of outcome.failed) notices.push(`could not remove ${f.object.type} ${f.object.name}: ${f.error}`);
  return { removed: outcome.removed.map((o) => `${o.type} ${o.name}`), keep: stillRecorded(outcome) };
}
