import type { ZodTypeAny } from 'zod';
import type { KindCatalog } from '../content/crosscheck.js';
import { KINDS, kindByName } from './kinds/index.js';

export function kindCatalog(): KindCatalog {
  return {
    names: () => KINDS.map((k) => k.name),
    params: (kind) => kindByName.get(kind)?.params as ZodTypeAny | undefined,
    lint: (kind, params) => kindByName.get(kind)?.lint?.(params) ?? [],
    servicesIn(kind, params) {
      const k = kindByName.get(kind);
      const parsed = k?.params.safeParse(params ?? {});
      return parsed?.success && k?.services ? k.services(parsed.data) : [];
    },
  };
}
