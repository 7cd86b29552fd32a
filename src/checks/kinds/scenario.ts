import { z } from 'zod';
import type { DiagnosisRequest } from '../facts/requests.js';
import type { DiagnosisFacts } from '../facts/diagnosis-model.js';
import { isLoopback } from '../facts/diagnosis-model.js';
import { diagnose, tail } from '../../diagnose/rules.js';
import { error, fail, pass, type CheckKind, type CheckTarget } from '../types.js';

const params = z
  .object({
    /** The scenario's container, by name: dojo's broken one, or the student's fixed one that replaced it. */
    container: z.string().min(1),
    /** It must be running (a service) rather than have ended. */
    running: z.boolean().default(true),
    /** The image it must run (the lab says "from the same image and program"): a stand-in does not count. */
    image: z.string().min(1).optional(),
    /** Variables it must have, non-empty. */
    env: z.array(z.string()).default([]),
    /** A port it publishes and listens on at an address other containers (and the host's proxy) can reach. */
    answers: z.number().int().min(1).max(65535).optional(),
    /** Its newest log line matching `status` must also match `ok` (e.g. the latest connection attempt succeeded). */
    log: z.object({ status: z.string(), ok: z.string() }).strict().optional(),
    /** It keeps a memory limit (the fix for an OOM kill is not "no limit at all"). */
    memoryLimit: z.boolean().default(false),
    /** A just-started container gets up to `ms` after its start to print a line matching `log`. */
    settle: z.object({ log: z.string().optional(), ms: z.number().int().min(0).max(60_000).default(15_000) }).strict().default({}),
    lab: z.string().regex(/^lab-\d{2}$/).optional(),
  })
  .strict();
type P = z.infer<typeof params>;

const req = (t: CheckTarget, p: P): DiagnosisRequest => ({ type: 'diagnosis', name: p.container, settle: p.settle, ...(t.workspace.probeImage ? { probeImage: t.workspace.probeImage } : {}) });

/**
 * A break-fix scenario judged on the container that now holds its name: unsolved while it still
 * shows the breakage, solved when it runs with what it needs. The cause named in a failure comes
 * from the same rules as `dojo diagnose`.
 */
export const scenarioFixed: CheckKind<P> = {
  name: 'scenario-fixed',
  description: 'A break-fix scenario container (by name) runs as it should: running, variables set, a reachable listener, a good latest log line, a memory limit kept.',
  params,
  needs: (t, p) => [req(t, p)],
  evaluate: (facts, t, p) => {
    const d = facts.get(req(t, p));
    if (!d.found) return error(`no container named ${p.container}`, [`create the scenarios with \`dojo lab start ${p.lab ?? t.lab}\`; after a fix, run your container under the same name`]);
    const problems = problemsOf(d, p);
    const restarts = d.restartCount ? `, restarted ${d.restartCount} time${d.restartCount === 1 ? '' : 's'}` : '';
    const evidence = [`${d.name}: status ${d.status}${d.running && d.status !== 'restarting' ? '' : `, exit code ${d.exitCode}`}${restarts}${d.oomKilled && !d.running ? ', OOMKilled' : ''}`];
    if (!problems.length) return pass(`${d.name} runs as it should`, evidence);
    const cause = diagnose(d).find((f) => f.severity === 'error');
    const rest = [...problems.slice(1).map((x) => x.text), ...(cause ? cause.evidence.filter((e) => !e.startsWith('status ')) : tail(d))];
    // Each cause has its own question: the first problem's, else the one the diagnosis names.
    const mistake = problems[0]!.mistake ?? cause?.mistake;
    return fail(`${d.name} is still broken: ${problems[0]!.text}`, [...evidence, ...counted(rest)], mistake ? { mistake } : undefined);
  },
};

/** A line said more than once (a restart loop prints the same error each time) is shown once, with its count. */
function counted(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => (n > 1 ? `${l} (${n} times)` : l));
}

interface Problem { text: string; mistake?: string }

/** Started by name, by id or by digest: what counts is the image it runs, so its id's names decide. */
function runsImage(d: DiagnosisFacts, image: string): boolean {
  return d.image === image || d.imageTags.includes(image) || d.imageTags.includes(`docker.io/${image}`);
}

function problemsOf(d: DiagnosisFacts, p: P): Problem[] {
  const out: Problem[] = [];
  if (p.image && !runsImage(d, p.image)) out.push({ text: `it runs ${d.image}, not ${p.image}: the scenario is fixed with the same image and program`, mistake: 'stand-in-container' });
  // The engine keeps OOMKilled from an earlier run after a restart: it counts only for a stopped container.
  if ((d.oomKilled || d.oomEvent) && !d.running) out.push({ text: 'the kernel killed it for going over its memory limit', mistake: 'oom-killed' });
  else if (d.status === 'restarting') out.push({ text: `it keeps stopping and the engine keeps restarting it (${d.restartCount} restart${d.restartCount === 1 ? '' : 's'} so far, last exit code ${d.exitCode})` });
  else if (p.running && !d.running) out.push({ text: `it is not running (exit code ${d.exitCode})` });
  const unset = p.env.filter((v) => !d.env.names.includes(v));
  const empty = p.env.filter((v) => d.env.names.includes(v) && d.env.empty.includes(v));
  if (unset.length) out.push({ text: `its environment does not set ${unset.join(', ')}`, mistake: 'missing-env' });
  if (empty.length) out.push({ text: `its environment sets ${empty.join(', ')} empty`, mistake: 'missing-env' });
  if (p.memoryLimit && d.memoryLimit === 0) out.push({ text: 'it runs without a memory limit: it may now take all of the host\'s memory', mistake: 'oom-killed' });
  if (p.answers !== undefined && d.running && d.status !== 'restarting') {
    const port = `${p.answers}/tcp`;
    if (!d.ports.some((x) => x.container === port && x.host)) out.push({ text: `it does not publish ${port} on the host`, mistake: 'port-not-published' });
    else if (d.listeners) {
      const on = d.listeners.filter((l) => l.port === p.answers);
      if (!on.length) out.push({ text: `nothing inside it listens on port ${p.answers}`, mistake: 'listener-unreachable' });
      else if (on.every((l) => isLoopback(l.address))) out.push({ text: `it listens on ${on.map((l) => `${l.address}:${l.port}`).join(', ')} only`, mistake: 'listener-unreachable' });
    } else out.push({ text: `its listeners could not be read (${d.listenersNote ?? 'unknown reason'})` });
  }
  if (p.log && d.running && d.status !== 'restarting') {
    const status = new RegExp(p.log.status);
    const last = [...d.logs].reverse().find((l) => status.test(l));
    if (!last || !new RegExp(p.log.ok).test(last)) out.push({ text: last ? `its latest attempt says: ${last}` : 'it has not reported yet' });
  }
  return out;
}
