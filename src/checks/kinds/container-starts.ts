import { z } from 'zod';
import { dockerfileReq, imageReq, withCurrentImage } from './common.js';
import type { RunRequest } from '../facts/requests.js';
import type { RunFacts } from '../facts/probe-model.js';
import { fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const params = z.object({ seconds: z.number().min(1).max(60).default(3) }).strict();
const runReq = (t: CheckTarget, seconds: number): RunRequest => ({
  type: 'run', ref: t.service.image, seconds, env: t.service.run?.env ?? [], network: t.service.run?.network,
});

/** The start command itself is broken: the engine could not run it, or the shell could not find or execute it. */
const START_BROKEN = /executable file not found|no such file or directory|exec format error|permission denied|not found|unable to find user|cannot execute|text file busy/i;
/** The service ran and stopped because what it needs at run time is not there: not the Dockerfile's fault. */
const RUNTIME_MISSING = /connection refused|dial tcp|no such host|could not translate host name|name resolution|lookup \S+|(variable|env|environment)\b.*\b(not set|missing|required|empty)|(missing|required)\b.*\b(variable|env|environment|DATABASE_URL|password)/i;

/**
 * Lesson 1b: the image's start command runs the service. The throwaway container gets the
 * environment and network dojo.yaml names for the service (none by default), so a service that
 * stops only because its database or settings are missing is told apart from a broken start command.
 */
export const containerStarts: CheckKind<z.infer<typeof params>> = {
  name: 'container-starts',
  description: 'A throwaway container from the image starts its service (and is still running after a few seconds, or stops only for lack of its runtime dependencies).',
  params,
  needs: (t, p) => [imageReq(t), dockerfileReq(t), runReq(t, p.seconds)],
  evaluate: (facts, t, p) =>
    withCurrentImage(facts, t, () => {
      const run = facts.get(runReq(t, p.seconds));
      if (run.running) return pass(`a container from ${t.service.image} is still running after ${p.seconds} s`);
      const evidence = describe(run, p.seconds);
      const text = [run.error ?? '', ...run.logsTail].join('\n');
      if (/unable to find user|no matching entries in passwd/i.test(run.error ?? '')) {
        return fail(`the engine could not start ${t.service.image} as the user the image names`, evidence);
      }
      if (run.error || run.exitCode === 126 || run.exitCode === 127 || (START_BROKEN.test(text) && !RUNTIME_MISSING.test(text))) {
        return fail(`the start command of ${t.service.image} does not run the service`, evidence);
      }
      if (run.oomKilled) return fail(`a container from ${t.service.image} was killed for using too much memory`, evidence);
      if (RUNTIME_MISSING.test(text)) {
        return pass(`the service started, then stopped because something it needs at run time is missing (not a Dockerfile problem)`, [
          ...evidence,
          `dojo ran it ${t.service.run?.network ? `on network ${t.service.run.network}` : 'without a network'} and with ${t.service.run?.env.length ?? 0} environment variable(s) from dojo.yaml (services.${t.service.name}.run)`,
        ]);
      }
      return fail(`a container from ${t.service.image} stopped instead of running`, evidence);
    }),
};

function describe(run: RunFacts, seconds: number): string[] {
  if (run.error) return [`the engine could not start it: ${run.error}`, 'it never ran, so it printed no logs'];
  return [
    `exit code ${run.exitCode}${run.oomKilled ? ' (OOMKilled)' : ''} within ${seconds} s`,
    ...(run.logsTail.length ? ['last log lines:', ...run.logsTail.map((l) => `  | ${l}`)] : ['it printed no logs']),
  ];
}
