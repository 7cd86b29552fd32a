import { z } from 'zod';
import { finalChain } from '../facts/dockerfile-model.js';
import { at, dockerfileReq, imageReq, instructionText, withDockerfile } from './common.js';
import { fail, pass, type CheckKind } from '../types.js';

const SHELL = ['/bin/sh', '-c'];

/** Judges the final stage only (following FROM <stage> chains), and the built image when there is one. */
export const execForm: CheckKind<Record<string, never>> = {
  name: 'exec-form',
  description: 'CMD and ENTRYPOINT of the final stage use the exec (JSON) form.',
  params: z.object({}).strict(),
  needs: (t) => [dockerfileReq(t), imageReq(t)],
  evaluate: (facts, t) =>
    withDockerfile(facts, t, (df) => {
      const chain = finalChain(df).flatMap((s) => s.instructions);
      const last = (k: string) => chain.filter((i) => i.keyword === k).pop();
      const startup = [last('ENTRYPOINT'), last('CMD')].filter((i) => i !== undefined);
      const shellForm = startup.filter((i) => i.json === null);
      if (shellForm.length) {
        return fail(`${shellForm.map((i) => i.keyword).join(' and ')} in shell form: your process would not be PID 1`, shellForm.map((i) => at(t, i.line, instructionText(i.keyword, i.text))));
      }
      if (startup.length === 0) {
        let img;
        try { img = facts.get(imageReq(t)); } catch { img = null; }
        const inherited = img?.config.entrypoint ?? img?.config.cmd;
        if (inherited && inherited[0] === SHELL[0] && inherited[1] === SHELL[1]) {
          return fail('the image inherits a shell-form start command', [`image ${t.service.image}: ${JSON.stringify(inherited)}`]);
        }
        return fail('the final stage sets neither CMD nor ENTRYPOINT', [`final stage starts at ${at(t, finalChain(df).at(-1)!.line)}`]);
      }
      return pass(`${startup.map((i) => `${i.keyword} (line ${i.line})`).join(' and ')} in exec form`);
    }),
};
