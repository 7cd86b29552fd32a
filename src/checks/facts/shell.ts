import { parse, type ParseEntry } from 'shell-quote';
import type { DfInstruction } from './dockerfile-model.js';

/** One simple command of a RUN: its words after env assignments and wrappers (sudo, env, time…). */
export interface SimpleCommand {
  argv: string[];
  /** `VAR=value` words before the command. */
  env: Record<string, string>;
}

const SHELLS = /^(\/(usr\/)?bin\/)?(sh|bash|dash|ash|zsh)$/;
const WRAPPERS = new Set(['sudo', 'env', 'time', 'exec', 'nohup', 'command', 'nice', 'xargs', 'eatmydata']);
const SEPARATORS = new Set(['&&', '||', ';', '|', '&', ';;', '|&']);

/**
 * The simple commands a RUN executes, in order: shell form, exec form, `sh -c "…"` (also nested),
 * and heredoc scripts run by a shell (`RUN <<EOF`, `RUN <<EOF bash`). A heredoc fed to another
 * interpreter (`RUN python3 <<EOF`) is that interpreter's code, not commands.
 */
export function commandsOf(i: DfInstruction): SimpleCommand[] {
  if (i.keyword !== 'RUN') return [];
  if (i.json) return i.json.length ? fromArgv(i.json) : [];
  if (i.heredocs.length) {
    const head = i.text.split('\n')[0]!.replace(/<<-?\s*["']?\w+["']?/g, '').trim();
    const runner = head.split(/\s+/).filter(Boolean);
    const scripts = i.heredocs.map((h) => h.content).join('\n');
    if (!runner.length || SHELLS.test(runner[0]!)) return splitShell(scripts);
    return fromArgv(runner);
  }
  return splitShell(i.text);
}

export function splitShell(script: string): SimpleCommand[] {
  // Newlines end commands like `;` does; a trailing backslash continues the line.
  const text = script.replace(/\\\r?\n/g, ' ').replace(/\r?\n/g, ' ; ');
  let entries: ParseEntry[];
  try {
    entries = parse(text, (name) => `$${name}`);
  } catch {
    return [];
  }
  const out: SimpleCommand[] = [];
  let words: string[] = [];
  const flush = () => {
    if (words.length) out.push(...fromArgv(words));
    words = [];
  };
  for (const e of entries) {
    if (typeof e === 'string') words.push(e);
    else if ('op' in e && e.op === 'glob') words.push(e.pattern);
    else if ('op' in e && (e.op === '(' || e.op === ')')) {
      flush();
      // Subshell bounds: a `cd` inside `( … )` does not outlive it.
      out.push({ argv: [e.op], env: {} });
    } else if ('op' in e && SEPARATORS.has(e.op)) flush();
    else if ('comment' in e) flush();
    // redirections (`>`, `2>&1`) end the words that matter; their targets are not arguments
    else if ('op' in e) words.push('\0redirect');
  }
  flush();
  return out.map((c) => ({ ...c, argv: dropRedirections(c.argv) }));
}

/** A subshell bound pseudo-command (`(` or `)`), which callers tracking `cd` need. */
export const isSubshellBound = (c: SimpleCommand): boolean => c.argv.length === 1 && (c.argv[0] === '(' || c.argv[0] === ')');

function dropRedirections(argv: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '\0redirect') k++;
    else out.push(argv[k]!);
  }
  return out;
}

function fromArgv(argv: string[]): SimpleCommand[] {
  const env: Record<string, string> = {};
  let k = 0;
  for (;;) {
    const w = argv[k];
    if (w === undefined) return [];
    const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w);
    if (assign) env[assign[1]!] = assign[2]!;
    else if (WRAPPERS.has(w)) {
      // wrapper options (`sudo -u x`, `env -i`) are skipped with the wrapper
      while (argv[k + 1]?.startsWith('-')) k += argv[k + 1] === '-u' ? 2 : 1;
    } else break;
    k++;
  }
  const rest = argv.slice(k);
  if (SHELLS.test(rest[0]!) ) {
    const c = rest.findIndex((w) => /^-[a-z]*c$/.test(w));
    if (c > 0 && rest[c + 1] !== undefined) return splitShell(rest[c + 1]!).map((cmd) => ({ ...cmd, env: { ...env, ...cmd.env } }));
  }
  return [{ argv: rest, env }];
}

/** The words of a command without options (`-y`, `--quiet`, `-o file` keeps `file`). */
export const positional = (argv: string[]): string[] => argv.filter((w) => !w.startsWith('-'));
