import type { LookalikeRequest } from '../facts/requests.js';
import type { Facts } from '../facts/store.js';
import { error, fail, type CheckTarget, type Finding } from '../types.js';
import { serviceOf } from './targets.js';

export const lookalikeReq = (t: CheckTarget, service: string): LookalikeRequest => ({ type: 'lookalike', image: serviceOf(t, service).image });

/**
 * No container by the expected name. When one runs the service's image under another name, the
 * student did start it, so that is a counted failure that names it; with none at all, an error.
 */
export function missingContainer(facts: Facts, t: CheckTarget, service: string): Finding {
  const s = serviceOf(t, service);
  const near = facts.optional(lookalikeReq(t, service)) ?? [];
  const howTo = `name the container ${s.container} (docker run --name ${s.container} ...), or set services.${service}.container in dojo.yaml`;
  if (near.length) {
    const plain = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, '');
    const score = (x: string) => (plain(x) === plain(s.container) ? 0 : plain(x).includes(plain(s.container)) ? 1 : 2);
    const shown = [...near].sort((a, b) => score(a.name) - score(b.name)).slice(0, 3).map((c) => `${c.name} (${c.status})`);
    const more = near.length > 3 ? ` and ${near.length - 3} more` : '';
    return fail(`no container named ${s.container}; ${shown.join(', ')}${more} ${near.length > 1 ? 'run' : 'runs'} ${s.image}`, [`dojo finds ${service} by its container name: ${howTo}`], { mistake: 'container-misnamed' });
  }
  return error(`no container named ${s.container}`, [`start it, or ${howTo}`]);
}
