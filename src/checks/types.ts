import type { ZodType, ZodTypeDef } from 'zod';
import type { Location } from '../errors.js';
import type { ServiceTarget, Workspace } from '../workspace.js';
import type { FactRequest } from './facts/requests.js';
import type { Facts } from './facts/store.js';

export type CheckStatus = 'pass' | 'fail' | 'error' | 'skip';

/** What a rule concludes. `evidence` is what dojo saw; it never holds the fix. */
export interface Finding {
  status: CheckStatus;
  summary: string;
  evidence?: string[];
  /** Where the finding points in the student's files (the Dockerfile or compose line), absolute path. */
  location?: Location;
  /** A mistake of the lab that explains this finding better than the check's own (e.g. `image-stale`). */
  mistake?: string;
}

export interface CheckTarget {
  lab: string;
  workspace: Workspace;
  service: ServiceTarget;
}

export interface PromptApi {
  /** `id` names the question within its check; `check` and `lab` are filled in by the runner. */
  select(q: { message: string; choices: string[]; id?: string; check?: string; lab?: string }): Promise<string>;
}

/** Thrown by a PromptApi that has no answer for a question (an instructor's answers file): the check stays ungraded. */
export class Unanswered extends Error {}

/** A check kind: which facts it needs, and a pure rule over them. Registered in kinds/index.ts. */
export interface CheckKind<P = Record<string, unknown>> {
  name: string;
  description: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  params: ZodType<P, ZodTypeDef, any>;
  needs(target: CheckTarget, params: P): FactRequest[];
  evaluate(facts: Facts, target: CheckTarget, params: P): Finding;
  /** The course services the params name, so `dojo validate` can refuse a name the lab does not target. */
  services?(params: P): string[];
  /**
   * Content mistakes the params' schema cannot see (e.g. a quiz answer that matches no choice), for
   * `dojo validate`. Given the raw params, so one bad question does not hide another's mistake.
   */
  lint?(params: unknown): ParamsProblem[];
  /** Kinds that ask the student something; `skip` without a terminal. */
  interact?(target: CheckTarget, params: P, prompt: PromptApi): Promise<Finding>;
}

export interface ParamsProblem {
  /** Inside params, e.g. ['questions', 0, 'answer']. */
  path: (string | number)[];
  message: string;
  suggestion?: string;
}

type Extra = Pick<Finding, 'location' | 'mistake'>;
export const pass = (summary: string, evidence?: string[], extra?: Extra): Finding => ({ status: 'pass', summary, evidence, ...extra });
export const fail = (summary: string, evidence?: string[], extra?: Extra): Finding => ({ status: 'fail', summary, evidence, ...extra });
export const error = (summary: string, evidence?: string[], extra?: Extra): Finding => ({ status: 'error', summary, evidence, ...extra });
export const skip = (summary: string, evidence?: string[]): Finding => ({ status: 'skip', summary, evidence });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKind = CheckKind<any>;
