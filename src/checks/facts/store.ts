import { factKey } from './requests.js';
import type { FactOf, FactRequest } from './registry.js';

/** A fact that could not be collected; a rule that needs it ends in `error` with this text. */
export class FactUnavailable extends Error {
  constructor(message: string, readonly evidence: string[] = []) {
    super(message);
  }
}

/** Collected facts, read by pure rules. Built by the collector, or by hand in tests. */
export class Facts {
  private readonly values = new Map<string, unknown>();

  set(request: FactRequest, value: unknown): this {
    this.values.set(factKey(request), value);
    return this;
  }

  get<R extends FactRequest>(request: R): FactOf<R['type']> {
    const key = factKey(request);
    if (!this.values.has(key)) throw new FactUnavailable(`internal: fact ${key} was not collected`);
    const value = this.values.get(key);
    if (value instanceof FactUnavailable) throw value;
    return value as FactOf<R['type']>;
  }

  /** The value, or null when it could not be collected (for rules that can do without it). */
  optional<R extends FactRequest>(request: R): FactOf<R['type']> | null {
    try {
      return this.get(request);
    } catch (err) {
      if (err instanceof FactUnavailable) return null;
      throw err;
    }
  }

  /** The raw value (a FactUnavailable included), for fingerprints. */
  raw(request: FactRequest): unknown {
    return this.values.get(factKey(request));
  }
}
