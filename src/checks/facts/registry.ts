import type { AnyFactType, FactType } from './fact-type.js';
import { composeFact } from './compose.fact.js';
import { composeImageFact } from './compose-image.fact.js';
import { diagnosisFact } from './diagnosis.fact.js';
import { dnsProbeFact } from './dns-probe.fact.js';
import { mountFact } from './mount.fact.js';
import { lookalikeFact } from './lookalike.fact.js';
import { contextFact } from './context.fact.js';
import { dockerfileFact } from './dockerfile.fact.js';
import { imageFact } from './image.fact.js';
import { imageFsFact } from './imagefs.fact.js';
import { rebuildFact } from './rebuild.fact.js';
import { runFact } from './run.fact.js';
import { scanFact } from './scan.fact.js';
import { composeStackFact, containerFact, networkFact, volumeFact } from './runtime.fact.js';

/** The one list of fact types; a new one is a module and a line here. */
export const FACT_TYPES = [
  dockerfileFact, contextFact, imageFact, imageFsFact, runFact, rebuildFact,
  containerFact, networkFact, volumeFact, composeFact, composeStackFact,
  mountFact, dnsProbeFact, composeImageFact, scanFact, diagnosisFact, lookalikeFact,
] as const;

type Each = (typeof FACT_TYPES)[number];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RequestOf<F> = F extends FactType<infer R, any> ? R : never;
export type FactRequest = RequestOf<Each>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FactOf<T extends FactRequest['type']> = Extract<Each, { type: T }> extends FactType<any, infer V> ? V : never;

const byType = new Map<string, AnyFactType>(FACT_TYPES.map((f) => [f.type, f as AnyFactType]));

export function factType(r: { type: string }): AnyFactType {
  const f = byType.get(r.type);
  if (!f) throw new Error(`unknown fact type ${r.type}`);
  return f;
}
