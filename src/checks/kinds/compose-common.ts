import { relative } from 'node:path';
import type { Location } from '../../errors.js';
import type { ComposeFacts, ComposeService } from '../facts/compose-model.js';
import type { ComposeFileRequest, ComposeStackRequest } from '../facts/requests.js';
import type { Facts } from '../facts/store.js';
import { error, fail, type CheckTarget, type Finding } from '../types.js';

export const composeReq = (t: CheckTarget, files = t.workspace.compose.files): ComposeFileRequest =>
  ({ type: 'compose', dir: t.workspace.dir, files, project: t.workspace.compose.project });
export const stackReq = (t: CheckTarget): ComposeStackRequest => ({ type: 'composestack', project: t.workspace.compose.project });

/** The base file with the development files dojo found (or compose.devFiles in dojo.yaml). */
export const devFiles = (t: CheckTarget): string[] => [t.workspace.compose.files[0]!, ...(t.workspace.compose.devFiles ?? []).filter((f) => f !== t.workspace.compose.files[0])];

export const rel = (t: CheckTarget, p: string): string => relative(t.workspace.dir, p) || p;
/** `file:line` of a compose location, workspace-relative. */
export const line = (t: CheckTarget, l: Location): string => `${rel(t, l.file)}:${l.line ?? 1}`;

/** The fallback's limits go into the evidence, so a verdict from it is never mistaken for Compose's. */
export const loaderEvidence = (c: ComposeFacts): string[] => (c.loader === 'yaml' ? [c.loaderNote] : []);

/** Runs `rule` on compose files that load; otherwise an `error` (compose-valid is the check that fails). */
export function withCompose(facts: Facts, t: CheckTarget, rule: (c: ComposeFacts) => Finding, files?: string[]): Finding {
  const c = facts.get(composeReq(t, files));
  if (!c.files.some((f) => f.exists)) {
    return error(`no compose file: looked for ${c.files.map((f) => rel(t, f.path)).join(', ')}`, ['set compose.files in dojo.yaml if yours has another name']);
  }
  // dojo finds present files by itself; a missing one was named in dojo.yaml (compose.files or devFiles).
  const absent = c.files.filter((f) => !f.exists).map((f) => rel(t, f.path));
  if (absent.length) return error(`${absent.join(', ')}: file not found`, [`compose.files or compose.devFiles in ${t.workspace.configFile ? rel(t, t.workspace.configFile) : 'dojo.yaml'} names it; correct the name, or remove the entry to let dojo find the files as Compose does`]);
  if (c.problems.length) {
    return error('the compose files do not load, so this cannot be judged (see check compose-valid)', c.problems.map((p) => (p.location ? `${line(t, p.location)}  ${p.message}` : p.message)));
  }
  return rule(c);
}

/**
 * Runs `rule` on the named compose services (Compose's names, not the course's) once the files load
 * and every one of them is there; otherwise the `withCompose` error or one failure naming all missing.
 */
export function withServices(
  facts: Facts, t: CheckTarget, names: string[],
  rule: (services: [ComposeService, ...ComposeService[]], c: ComposeFacts) => Finding, files?: string[],
): Finding {
  return withCompose(facts, t, (c) => {
    const missing = names.filter((n) => !c.services[n]);
    return missing.length ? noService(t, c, missing, files) : rule(names.map((n) => c.services[n]!) as [ComposeService, ...ComposeService[]], c);
  }, files);
}

/** `withServices` for one service. */
export const withService = (facts: Facts, t: CheckTarget, name: string, rule: (svc: ComposeService, c: ComposeFacts) => Finding, files?: string[]): Finding =>
  withServices(facts, t, [name], ([svc], c) => rule(svc, c), files);

/** The compose files lack a service dojo expects: list theirs, and say how to map a course name to another. */
function noService(t: CheckTarget, c: ComposeFacts, names: string[], files?: string[]): Finding {
  const course = names.flatMap((n) => Object.values(t.workspace.services).filter((s) => (s.composeService ?? s.name) === n).map((s) => s.name));
  return fail(`the compose files have no service ${names.join(', ')}`, [
    ...(files ? [`read ${files.map((f) => rel(t, f)).join(', ')}`] : []),
    `services in the files: ${Object.keys(c.services).join(', ') || 'none'}`,
    ...(course.length ? [`if yours has another name, set it in dojo.yaml: ${course.map((n) => `services.${n}.compose`).join(', ')}`] : []),
  ]);
}
