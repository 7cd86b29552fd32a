import { DojoError, ExitCode } from '../../errors.js';
import type { ServiceTarget } from '../../workspace.js';
import type { CheckTarget } from '../types.js';

/**
 * A service named in a check's params, as the workspace defines it. Called from `needs`, so an
 * unknown name stops the run with exit 2 before anything is collected.
 */
export function serviceOf(t: CheckTarget, name: string): ServiceTarget {
  const s = t.workspace.services[name];
  if (s) return s;
  const known = Object.keys(t.workspace.services);
  throw new DojoError({
    code: 'E_WORKSPACE_SERVICE',
    message: `${t.lab}: a check names service "${name}", which the workspace does not define (known: ${known.join(', ') || 'none'})`,
    suggestion: `Add it to the lab's targets.services, or define it under services: in ${t.workspace.configFile ?? 'dojo.yaml'}.`,
    exitCode: ExitCode.badInput,
  });
}

/** The service's name in the compose files (dojo.yaml `services.<name>.compose`, default the same). */
export const composeName = (t: CheckTarget, name: string): string => serviceOf(t, name).composeService ?? name;
