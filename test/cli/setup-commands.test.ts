import { readdirSync, readFileSync } from 'node:fs';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { dojo } from '../support/cli.js';

/** The built-in course's labs, as completion must offer them. */
const LABS = readdirSync(new URL('../../labs', import.meta.url)).map((f) => f.replace(/\.md$/, '')).sort();

const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

/** Asks bash's completion function what it offers after `words` (the last word is being typed). */
async function bashComplete(script: string, words: string[]): Promise<string[]> {
  const line = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _dojo; echo "\${COMPREPLY[@]}"`;
  return (await execa('bash', ['-c', line])).stdout.split(' ').filter(Boolean);
}

describe('--version, help, completion', () => {
  it('--version is the package version; help <command> shows that command', async () => {
    expect(await dojo(['--version'])).toMatchObject({ code: 0, stdout: version });
    const help = await dojo(['help', 'check']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: dojo check [options] [lab]');
    expect(help.stdout).toContain('--only <ids>');
  });

  it('bash completion offers commands, options and lab ids, read from the CLI itself', async () => {
    const r = await dojo(['completion', 'bash']);
    expect(r.code).toBe(0);
    expect(await bashComplete(r.stdout, ['dojo', 'ch'])).toEqual(['check', 'checklist']);
    expect(await bashComplete(r.stdout, ['dojo', 'check', 'lab-0'])).toEqual(LABS);
    expect(await bashComplete(r.stdout, ['dojo', 'check', '--on'])).toEqual(['--only']);
    expect(await bashComplete(r.stdout, ['dojo', 'check', '--o'])).toEqual(['--only', '--output']);
    expect(await bashComplete(r.stdout, ['dojo', 'completion', ''])).toEqual(expect.arrayContaining(['bash', 'zsh', 'fish']));
    expect(await bashComplete(r.stdout, ['dojo', 'new', ''])).toContain('lab');
  });

  it('zsh runs the bash function through bashcompinit; fish gets its own complete lines; other shells are refused', async () => {
    const zsh = await dojo(['completion', 'zsh']);
    expect(zsh.stdout).toContain('autoload -U +X bashcompinit && bashcompinit');
    expect(zsh.stdout).toContain('complete -F _dojo dojo');
    const fish = await dojo(['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c dojo -n __fish_use_subcommand -a check -d 'run a lab\\'s checks (or every lab\\'s, with --all) against your files and Docker engine'");
    expect(fish.stdout).toContain("complete -c dojo -n '__fish_seen_subcommand_from check' -l only");
    expect(fish.stdout).toContain(`complete -c dojo -n '__fish_seen_subcommand_from hint' -a '${LABS.join(' ')}'`);
    const bad = await dojo(['completion', 'tcsh']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('no completion for the shell "tcsh"')]);
  });
});
