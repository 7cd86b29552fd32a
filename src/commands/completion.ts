import type { Command } from 'commander';
import { usageError } from '../errors.js';

export type Shell = 'bash' | 'zsh' | 'fish';
export interface CompletionResult { type: 'completion'; shell: Shell; script: string; notices: string[] }

interface Spec { name: string; description: string; options: string[]; subcommands: Spec[]; takesLab: boolean; values: string[] }

const SHELLS = ['bash', 'zsh', 'fish'];

/**
 * A completion script for the shell, read from the CLI's own command tree (commands, subcommands,
 * options) so it never falls behind; `<lab>` arguments complete to the course's lab ids.
 */
export function completion(shell: string, program: Command, labIds: string[]): CompletionResult {
  if (shell !== 'bash' && shell !== 'zsh' && shell !== 'fish') throw usageError(`no completion for the shell "${shell}"`, 'Use dojo completion bash, zsh or fish.');
  const spec = describe(program);
  const script = shell === 'fish' ? fish(spec, labIds) : bash(spec, labIds, shell === 'zsh');
  return { type: 'completion', shell, script, notices: [] };
}

function describe(cmd: Command): Spec {
  return {
    name: cmd.name(),
    description: cmd.description(),
    options: cmd.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f))),
    subcommands: cmd.commands.filter((c) => c.name() !== 'help').map(describe),
    takesLab: cmd.registeredArguments.some((a) => a.name() === 'lab'),
    values: cmd.registeredArguments.some((a) => a.name() === 'shell') ? SHELLS : [],
  };
}

function bash(root: Spec, labs: string[], zsh: boolean): string {
  const cases = root.subcommands.map((c) => {
    const words = [...c.subcommands.map((s) => s.name), ...c.values, ...c.options, ...(c.takesLab ? labs : [])];
    return `    ${c.name}) words="${words.join(' ')}" ;;`;
  });
  return [
    '# dojo completion (bash). Load it with: source <(dojo completion bash)',
    ...(zsh ? ['# zsh runs it through bashcompinit. Load it with: source <(dojo completion zsh)', 'autoload -U +X bashcompinit && bashcompinit'] : []),
    '_dojo() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" words',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    words="${[...root.subcommands.map((c) => c.name), 'help', ...root.options].join(' ')}"`,
    '  else',
    '    case "${COMP_WORDS[1]}" in',
    ...cases,
    `    help) words="${root.subcommands.map((c) => c.name).join(' ')}" ;;`,
    '    *) words="" ;;',
    '    esac',
    `    words="$words ${root.options.join(' ')}"`,
    '  fi',
    '  COMPREPLY=($(compgen -W "$words" -- "$cur"))',
    '}',
    'complete -F _dojo dojo',
    '',
  ].join('\n');
}

function fish(root: Spec, labs: string[]): string {
  const q = (s: string) => `'${s.replace(/'/g, "\\'")}'`;
  const opt = (o: string) => (o.startsWith('--') ? `-l ${o.slice(2)}` : `-s ${o.slice(1)}`);
  const lines = ['# dojo completion (fish). Load it with: dojo completion fish | source', 'complete -c dojo -f'];
  for (const o of root.options) lines.push(`complete -c dojo ${opt(o)}`);
  for (const c of root.subcommands) {
    lines.push(`complete -c dojo -n __fish_use_subcommand -a ${c.name} -d ${q(c.description)}`);
    const on = `-n '__fish_seen_subcommand_from ${c.name}'`;
    for (const o of c.options) lines.push(`complete -c dojo ${on} ${opt(o)}`);
    for (const s of c.subcommands) lines.push(`complete -c dojo ${on} -a ${s.name} -d ${q(s.description)}`);
    const values = [...c.values, ...(c.takesLab ? labs : [])];
    if (values.length) lines.push(`complete -c dojo ${on} -a ${q(values.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}
