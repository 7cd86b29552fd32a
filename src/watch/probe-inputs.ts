import { collectFacts } from '../checks/facts/collect.js';
import { factType } from '../checks/facts/registry.js';
import { factKey } from '../checks/facts/requests.js';
import { FactUnavailable } from '../checks/facts/store.js';
import { hashPrints } from '../checks/runner.js';
import type { PlannedCheck } from './plan.js';

/**
 * For each probe check, a hash of its cheap inputs as they are now (parsed Dockerfile, context
 * files, image and container ids): equal to the hash at its last verdict = the probe would say the same.
 */
export async function probeInputPrints(checks: PlannedCheck[], dir: string, signal: AbortSignal): Promise<Map<string, string>> {
  const { facts } = await collectFacts(checks.flatMap((c) => c.inputs), dir, { signal });
  return new Map(checks.map((c) => [c.id, hashPrints(c.inputs.map((r) => {
    const value = facts.raw(r);
    const type = factType(r);
    return [factKey(r), value instanceof FactUnavailable || !type.fingerprint ? null : type.fingerprint(value)];
  }))]));
}
