/** Commands that succeed whatever the service is doing: a healthcheck made of them proves nothing. */
const ALWAYS = /^(true|\/bin\/true|\/usr\/bin\/true|:|exit 0|echo(\s.*)?|sleep \d+)$/;

/** The probe of a healthcheck `test` (after CMD / CMD-SHELL), when it always succeeds; else null. */
export function trivialProbe(test: string[]): string | null {
  const [head, ...rest] = test;
  const command = (head === 'CMD' || head === 'CMD-SHELL' ? rest : test).join(' ').trim();
  const parts = command.split(/\s*(?:;|&&|\|\|)\s*/).filter(Boolean);
  return parts.length && parts.every((p) => ALWAYS.test(p)) ? command : null;
}
