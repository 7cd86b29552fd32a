/**
 * Expands ${VAR}, $VAR, ${VAR:-default} and ${VAR:+alt} recursively: dockerfile-ast resolves one
 * level only (its issue #22), and ARG defaults often nest (ARG BASE=golang:${GO_VERSION}).
 * Returns null when a variable stays unknown, so callers can say "unknown" instead of guessing.
 */
export function expand(value: string, vars: Record<string, string | null>, depth = 0): string | null {
  if (depth > 10) return null;
  let unknown = false;
  const out = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced, op, word, bare) => {
    const name = (braced ?? bare) as string;
    const raw = vars[name];
    const val = raw === undefined || raw === null ? null : expand(raw, vars, depth + 1);
    if (op === '-') return val !== null && val !== '' ? val : (expand(word, vars, depth + 1) ?? ((unknown = true), ''));
    if (op === '+') return val !== null && val !== '' ? (expand(word, vars, depth + 1) ?? ((unknown = true), '')) : '';
    if (val === null) unknown = true;
    return val ?? '';
  });
  return unknown ? null : out;
}

export function resolveGlobalArgs(
  declared: [string, string | null][],
  overrides: Record<string, string>,
): Record<string, string | null> {
  const vars: Record<string, string | null> = {};
  for (const [name, value] of declared) {
    vars[name] = overrides[name] ?? (value === null ? null : expand(value, vars));
  }
  return vars;
}
