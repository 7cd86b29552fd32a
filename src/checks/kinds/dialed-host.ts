import type { ContainerFacts } from '../facts/runtime-model.js';

const ADDRESS = /^(\d{1,3}\.){3}\d{1,3}$|:/;

/**
 * What each dialing container has in the variable that names the host it connects to, and what is
 * wrong with it: the app dials that value, so a probe of the right name proves nothing if the
 * value is an address (it changes when the container is recreated) or another name.
 */
export function dialedHost(dialers: ContainerFacts[], variable: string, host: string): { evidence: string[]; problems: string[] } {
  const evidence: string[] = [];
  const problems: string[] = [];
  for (const c of dialers) {
    const value = c.env[variable];
    evidence.push(`${c.name}: ${variable}=${value ?? '(not set)'}`);
    if (value === undefined || value === '') problems.push(`${c.name} has no ${variable}, so it does not know which host to dial`);
    else if (ADDRESS.test(value)) problems.push(`${c.name} dials ${variable}=${value}, an address that changes when the container is recreated, not the name "${host}"`);
    else if (value !== host) problems.push(`${c.name} dials ${variable}=${value}, but the name that reaches the database is "${host}"`);
  }
  return { evidence, problems };
}
