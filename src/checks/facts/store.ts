import { factKey, type FactRequest } from './requests.js';
import type { ContextFacts } from './context.js';
import type { DockerfileFacts } from './dockerfile-model.js';
import type { ImageFacts, ImageFsFacts } from './image-model.js';
import type { RebuildFacts, RunFacts } from './probe-model.js';
import type { ComposeStackFacts, ContainerFacts, NetworkFacts, VolumeFacts } from './runtime-model.js';
import type { ComposeFacts } from './compose.js';

/** A fact that could not be collected; a rule that needs it ends in `error` with this text. */
export class FactUnavailable extends Error {
  constructor(message: string, readonly evidence: string[] = []) {
    super(message);
  }
}

type FactOf<R extends FactRequest['type']> = {
  dockerfile: DockerfileFacts;
  context: ContextFacts;
  image: ImageFacts | null;
  imagefs: ImageFsFacts;
  run: RunFacts;
  rebuild: RebuildFacts;
  container: ContainerFacts | null;
  network: NetworkFacts | null;
  volume: VolumeFacts | null;
  compose: ComposeFacts;
  composestack: ComposeStackFacts;
}[R];

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
}
