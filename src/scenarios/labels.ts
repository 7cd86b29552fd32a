import { labels } from '../engine/cleanup.js';

export const LAB_LABEL = 'io.dojo.lab';
export const SCENARIO_LABEL = 'io.dojo.scenario';
export const WORKSPACE_LABEL = 'io.dojo.workspace';

/**
 * Every scenario object carries dojo's temp label, the lab, the scenario and the workspace: `dojo lab
 * stop` finds them by these even when the state file lost track (a crash between create and record).
 */
export const scenarioLabels = (lab: string, scenario: string, workspace: string): Record<string, string> => ({
  ...labels('scenario'), [LAB_LABEL]: lab, [SCENARIO_LABEL]: scenario, [WORKSPACE_LABEL]: workspace,
});

export const labFilter = (lab: string, workspace: string): string[] => [`${LAB_LABEL}=${lab}`, `${WORKSPACE_LABEL}=${workspace}`];

/** Whether an object's labels say it belongs to this lab's scenarios in this workspace. */
export const isOurs = (l: Record<string, string> | undefined | null, lab: string, workspace: string): boolean =>
  l?.[LAB_LABEL] === lab && l?.[WORKSPACE_LABEL] === workspace;
