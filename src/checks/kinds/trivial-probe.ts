import { parse } from 'shell-quote';

/** Commands that succeed whatever the service is doing. */
const ALWAYS = /^(true|\/bin\/true|\/usr\/bin\/true|:|exit 0|echo(\s.*)?|sleep \d+)$/;

/**
 * The probe of a healthcheck `test`, when it succeeds whatever the service does; else null.
 * CMD-SHELL (and a plain string) is read as the shell reads it: `a || true` and `a; exit 0` always
 * succeed, `true && a` does not. CMD (exec form) runs one program: `||` is only an argument to it.
 */
export function trivialProbe(test: string[]): string | null {
  const [head, ...rest] = test;
  if (head === 'CMD') {
    // ["CMD", "sh", "-c", "<script>"] is a shell all the same.
    if (/^(\/usr)?(\/bin\/)?(ba|da)?sh$/.test(rest[0] ?? '') && rest[1] === '-c' && rest[2] !== undefined) return alwaysSucceeds(rest[2]) ? rest.join(' ') : null;
    return ALWAYS.test(rest.join(' ').trim()) ? rest.join(' ').trim() : null;
  }
  const command = (head === 'CMD-SHELL' ? rest : test).join(' ').trim();
  return command && alwaysSucceeds(command) ? command : null;
}

type Token = ReturnType<typeof parse>[number];
const opOf = (t: Token): string | null => (typeof t === 'object' && t !== null && 'op' in t ? String(t.op) : null);

function alwaysSucceeds(command: string): boolean {
  // A list (`;`, `&`, newline): the last part decides, unless an earlier bare `exit 0` ended the shell.
  const lists: Token[][] = [[]];
  for (const t of parse(command.replace(/\n/g, ';'))) {
    if (opOf(t) === ';' || opOf(t) === '&') lists.push([]);
    else lists[lists.length - 1]!.push(t);
  }
  const parts = lists.filter((l) => l.length);
  if (!parts.length) return false;
  for (const part of parts.slice(0, -1)) if (endsShellWithSuccess(part)) return true;
  return andOr(parts[parts.length - 1]!);
}

/** An and-or list, left to right as the shell groups it: `a || b` succeeds if b always does. */
function andOr(tokens: Token[]): boolean {
  let always: boolean | null = null;
  let pending: string | null = null;
  let words: string[] = [];
  const flush = () => {
    const cmd = ALWAYS.test(words.join(' ').trim());
    always = always === null ? cmd : pending === '||' ? always || cmd : pending === '&&' ? always && cmd : cmd;
    words = [];
  };
  for (const t of tokens) {
    const op = opOf(t);
    if (op === '||' || op === '&&') {
      flush();
      pending = op;
    } else if (op === '|') {
      words = []; // a pipeline's status is its last command's
    } else if (op === null) words.push(typeof t === 'string' ? t : String((t as { pattern?: string }).pattern ?? ''));
    else words.push(op);
  }
  flush();
  return always === true;
}

/** A bare `exit 0`: the shell stops there with success, whatever follows. */
function endsShellWithSuccess(tokens: Token[]): boolean {
  return tokens.length === 2 && tokens[0] === 'exit' && tokens[1] === '0';
}
