import type { KindCatalog } from '../content/crosscheck.js';
import { kindByName } from './kinds/index.js';

export function kindCatalog(): KindCatalog {
  return {
    has: (kind) => kindByName.has(kind),
    validateParams(kind, params) {
      const result = kindByName.get(kind)!.params.safeParse(params ?? {});
      if (result.success) return undefined;
      return result.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ');
    },
    servicesIn(kind, params) {
      const k = kindByName.get(kind)!;
      const parsed = k.params.safeParse(params ?? {});
      return parsed.success && k.services ? k.services(parsed.data) : [];
    },
  };
}
