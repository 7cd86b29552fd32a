import { z } from 'zod';
import { finalChain, type DfInstruction } from '../facts/dockerfile-model.js';
import { at, dockerfileReq, imageReq, instructionText, locationOf, missingImageHint, staleImage, withDockerfile } from './common.js';
import { error, fail, pass, type CheckKind, type CheckTarget, type Finding } from '../types.js';

const SHELL = /^(\/(usr\/)?bin\/)?(sh|bash|dash|ash)$/;

/** The script's last command replaces the shell (`exec …`), so the service ends up as PID 1. */
export const endsInExec = (script: string): boolean => /^\s*exec\s/.test(script.split(/;|&&|\|\||\n/).filter((x) => x.trim()).pop() ?? '');

/** `["/bin/sh","-c","…"]` is the shell form in disguise, unless the script hands PID 1 over with `exec`. */
export const wrapsInShell = (argv: string[] | null): boolean =>
  Boolean(argv && SHELL.test(argv[0] ?? '') && /^-\w*c$/.test(argv[1] ?? '') && !endsInExec(argv.slice(2).join(' ')));

const SHELL_FORM = 'a shell (/bin/sh -c) starts your command: whether your process is PID 1 and receives docker stop\'s SIGTERM depends on that shell';

/**
 * Judges what starts the container: the final stage's ENTRYPOINT (a CMD is then only its
 * arguments), else its CMD; an ENTRYPOINT resets a CMD the stage did not set itself. When the
 * final stage sets neither, the built image says what it inherited. Then the image must match.
 */
export const execForm: CheckKind<Record<string, never>> = {
  name: 'exec-form',
  description: 'CMD and ENTRYPOINT of the final stage use the exec (JSON) form.',
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t), imageReq(t)],
  evaluate: (facts, t) =>
    withDockerfile(facts, t, (df) => {
      const chain = finalChain(df);
      let entrypoint: DfInstruction | undefined;
      let cmd: DfInstruction | undefined;
      for (const stage of chain) {
        let cmdSet = false;
        for (const i of stage.instructions) {
          if (i.keyword === 'CMD') [cmd, cmdSet] = [i, true];
          if (i.keyword === 'ENTRYPOINT') [entrypoint, cmd] = [i, cmdSet ? cmd : undefined];
        }
      }
      const starter = entrypoint ?? cmd;
      if (!starter) return inherited(facts, t, chain[chain.length - 1]!.line);
      const where = at(t, starter.line, instructionText(starter.keyword, starter.text));
      const location = locationOf(t, starter.line);
      if (starter.json === null && !endsInExec(starter.text)) {
        const quotes = /^\[\s*'/.test(starter.text) ? ["it looks like a JSON array, but JSON strings take double quotes: Docker reads single quotes as the shell form"] : [];
        return fail(`${starter.keyword} in shell form: ${SHELL_FORM}`, [where, ...quotes], { location });
      }
      // What the engine runs: the ENTRYPOINT with the CMD as its arguments.
      const argv = [...argvOf(entrypoint), ...(entrypoint && entrypoint.json === null ? [] : argvOf(cmd))];
      if (wrapsInShell(argv)) return fail(`${starter.keyword} runs your command through a shell: ${SHELL_FORM}`, [where], { location });
      const evidence = [entrypoint, cmd].filter((i) => i !== undefined).map((i) => at(t, i.line, instructionText(i.keyword, i.text)));
      return staleImage(facts, t, df) ?? pass(`${starter.keyword} (line ${starter.line}) in exec form`, evidence);
    }),
};

const argvOf = (i: DfInstruction | undefined): string[] => (!i ? [] : (i.json ?? ['/bin/sh', '-c', i.text]));

function inherited(facts: Parameters<typeof staleImage>[0], t: CheckTarget, line: number): Finding {
  const img = facts.optional(imageReq(t));
  const note = `the final stage (${at(t, line)}) sets neither CMD nor ENTRYPOINT: the base image's start command applies`;
  if (!img) return error('the start command is inherited from the base image, which dojo reads from your built image', [note, missingImageHint(t)]);
  const argv = img.config.entrypoint?.length ? img.config.entrypoint : img.config.cmd;
  const shown = `image ${t.service.image} starts ${JSON.stringify(argv)}`;
  if (!argv?.length) return fail('the image has no start command at all', [note, shown]);
  if (wrapsInShell(argv)) return fail('the image inherits a shell-form start command', [note, shown]);
  return pass('the inherited start command is in exec form', [note, shown]);
}
