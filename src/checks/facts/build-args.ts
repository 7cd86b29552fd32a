/**
 * Expands ${VAR}, $VAR, ${VAR:-word} and ${VAR:+word} the way the builder does, recursively and with
 * nested words (`${X:-${Y}}`): dockerfile-ast resolves one level only (its issue #22), and ARG
 * defaults often nest (ARG BASE=golang:${GO_VERSION}). Returns null when a variable the result
 * depends on is unknown (declared without a default, not given), so callers say "unknown".
 */
export function expand(value: string, vars: Record<string, string | null>, depth = 0): string | null {
  if (depth > 10) return null;
  let out = '';
  let unknown = false;
  const lookup = (name: string): string | null => {
    const raw = vars[name];
    return raw === undefined || raw === null ? null : expand(raw, vars, depth + 1);
  };
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && value[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      continue;
    }
    if (value[i + 1] === '{') {
      const end = closingBrace(value, i + 1);
      if (end < 0) return null;
      const inner = value.slice(i + 2, end);
      i = end;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([\s\S]*))?$/.exec(inner);
      if (!m) return null;
      const val = lookup(m[1]!);
      const word = m[3] === undefined ? null : expand(m[3], vars, depth + 1);
      if (m[2] === '-') {
        if (val !== null && val !== '') out += val;
        else if (word === null) unknown = true;
        else out += word;
      } else if (m[2] === '+') {
        if (val !== null && val !== '') {
          if (word === null) unknown = true;
          else out += word;
        } else if (val === null && vars[m[1]!] === null) unknown = true;
      } else if (val === null) unknown = true;
      else out += val;
      continue;
    }
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(value.slice(i + 1));
    if (!bare) {
      out += ch;
      continue;
    }
    i += bare[0].length;
    const val = lookup(bare[0]);
    if (val === null) unknown = true;
    else out += val;
  }
  return unknown ? null : out;
}

function closingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Global ARGs in order: each default may use the ones before it (also on the same line); `predefined` are the builder's own. */
export function resolveGlobalArgs(
  declared: [string, string | null][],
  overrides: Record<string, string>,
  predefined: Record<string, string> = {},
): Record<string, string | null> {
  const vars: Record<string, string | null> = { ...predefined };
  for (const [name, value] of declared) {
    vars[name] = overrides[name] ?? (value === null ? null : expand(value, vars));
  }
  return vars;
}
