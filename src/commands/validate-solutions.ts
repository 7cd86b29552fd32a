import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GlobalOptions } from '../context.js';
import type { Course, Lab } from '../content/types.js';
import { cleanupScope, interruptSignal } from '../engine/cleanup.js';
import { DojoError, ExitCode, usageError } from '../errors.js';
import { loadWorkspace, workspaceOptions } from '../workspace.js';
import { baseImages, buildService, createNetworksAndVolumes, missingLocally, runService, startScenarioTwins } from '../solutions/engine.js';
import { checksForRun, scenarioNames, scenariosForRun } from '../solutions/scenarios.js';
import { loadScenarios } from '../scenarios/schema.js';
import { judge, type CheckVerdict, type Side } from '../solutions/judge.js';
import { applyStandIns, copyRenamed, labServices, parseStandIns } from '../solutions/prepare.js';
import { readSetup, type Setup } from '../solutions/setup.js';
import { prepareCompose } from '../solutions/compose-prepare.js';
import { composeUp } from '../solutions/compose-run.js';
import { track } from '../engine/cleanup.js';

export interface SideResult {
  side: Side;
  /** The workspace in the course (solutions/<lab>, starters/<lab>); null when the course has none. */
  dir: string | null;
  /** `ok`: behaves as it must; `wrong`: a check says otherwise; `error`: could not be judged; `missing`: not in the course. */
  status: 'ok' | 'wrong' | 'error' | 'missing';
  problem: string | null;
  /** What happened on the way that is no verdict (a starter that does not build, stand-ins used). */
  notes: string[];
  checks: CheckVerdict[];
}

export interface SolutionsResult {
  type: 'validate-solutions';
  dir: string;
  labs: { lab: string; solution: SideResult; starter: SideResult }[];
  exitCode: number;
  notices: string[];
}

export interface SolutionsOptions {
  lab?: string[];
  standIn?: string[];
}

const FOLDER: Record<Side, string> = { solution: 'solutions', starter: 'starters' };

/** Between two steps: after Ctrl-C nothing new is created (the signal handler is already removing what was). */
function stopIfInterrupted(): void {
  if (interruptSignal().aborted) throw new DojoError({ code: 'E_INTERRUPTED', message: 'interrupted: what dojo had created was removed', exitCode: ExitCode.interrupted });
}

/** Builds and starts each lab's solution and starter on the engine (throwaway objects only) and runs the lab's checks on them. */
export async function validateSolutions(g: GlobalOptions, course: Course, o: SolutionsOptions): Promise<SolutionsResult> {
  const { map: standIns, bad } = parseStandIns(o.standIn);
  if (bad.length) throw usageError(`--stand-in ${bad[0]} is not <image>=<local image>`, 'For example: --stand-in nginx:1.27-alpine=dojo-fixture/busybox:1');
  const unknown = (o.lab ?? []).filter((id) => !course.labs.some((l) => l.meta.id === id));
  if (unknown.length) throw usageError(`no lab ${unknown.join(', ')} in ${course.dir}`, `Its labs: ${course.labs.map((l) => l.meta.id).join(', ')}.`);
  const labs = course.labs.filter((l) => !o.lab?.length || o.lab.includes(l.meta.id));
  const { connectEngine } = await import('../engine/client.js');
  const engine = await connectEngine();
  interruptSignal(); // Ctrl-C removes what this run created (cleanup.ts), and stops it between two steps
  const results: SolutionsResult['labs'] = [];
  for (const lab of labs) {
    const sides = [] as SideResult[];
    for (const side of ['solution', 'starter'] as const) {
      stopIfInterrupted();
      sides.push(await validateSide(g, course, lab, side, standIns, engine));
    }
    results.push({ lab: lab.meta.id, solution: sides[0]!, starter: sides[1]! });
  }
  const all = results.flatMap((r) => [r.solution, r.starter]);
  const exitCode = all.some((s) => s.status === 'wrong') ? ExitCode.checkFailed : all.some((s) => s.status === 'error') ? ExitCode.incomplete : ExitCode.ok;
  const notices = all.every((s) => s.status === 'missing') ? [`${course.dir} has no solutions/ or starters/ workspaces for ${labs.map((l) => l.meta.id).join(', ')}`] : [];
  return { type: 'validate-solutions', dir: course.dir, labs: results, exitCode, notices };
}

async function validateSide(
  g: GlobalOptions, course: Course, lab: Lab, side: Side, standIns: Record<string, string>, engine: Awaited<ReturnType<typeof import('../engine/client.js').connectEngine>>,
): Promise<SideResult> {
  const source = join(course.dir, FOLDER[side], lab.meta.id);
  const result: SideResult = { side, dir: source, status: 'ok', problem: null, notes: [], checks: [] };
  if (!existsSync(source)) return { ...result, dir: null, status: 'missing' };
  const setup: Setup = readSetup(source, labServices(lab), lab.checks.map((c) => c.id), course.dir);
  const scope = cleanupScope();
  const couldNot = (problem: string): SideResult => ({ ...result, status: 'error', problem });
  try {
    return await scope.run(async () => {
      const runImages = Object.fromEntries(setup.run.filter((r) => r.image && !setup.build.includes(r.service)).map((r) => [r.service, standIns[r.image!] ?? r.image!]));
      const copy = copyRenamed(source, lab, side, {
        runImages, networks: setup.networks, volumes: setup.volumes,
        ...(setup.source ? { overlay: join(course.dir, setup.source) } : {}),
        ...(setup.compose ? { compose: { ...(setup.compose.files ? { files: setup.compose.files } : {}) } } : {}),
      });
      const ws = await loadWorkspace(copy.dir, workspaceOptions(course.labs, lab));
      // The lab's scenario checks always judge this run's twins, whether or not the setup starts them.
      const scenarioFile = loadScenarios(course.dir, lab.meta.id);
      const twins = scenarioFile ? scenarioNames(scenarioFile, copy.own, `dojo-${side}/${lab.meta.id}-scenarios:${copy.suffix}`) : null;
      const judged = scenarioFile && twins ? checksForRun(lab, scenarioFile, twins) : lab;
      // Offline: every image a build starts FROM, and every image run as it is, must be on the engine already.
      const needed: string[] = Object.values(runImages);
      const aliases: Record<string, string> = {};
      const standIn = (dockerfile: string) => {
        const done = applyStandIns(dockerfile, standIns, (image) => `dojo-${side}-standin-${copy.suffix}/${image.replace(/[^a-z0-9_.-]+/gi, '-')}`.toLowerCase());
        Object.assign(aliases, done.aliases);
        result.notes.push(...done.replaced.map((s) => `stand-in ${s}`));
      };
      const local = (image: string) => aliases[image] ?? image;
      for (const svc of setup.build) {
        const target = ws.services[svc]!;
        standIn(target.dockerfile);
        const bases = (await baseImages(target.dockerfile, target.buildArgs)).map((b) => b && local(b));
        if (bases.includes(null)) return couldNot(`${svc}'s Dockerfile names a base image dojo cannot resolve (an ARG without a value)`);
        needed.push(...(bases as string[]));
      }
      const compose = setup.compose ? prepareCompose(copy, ws, lab, side, standIns) : null;
      if (compose && 'missing' in compose) {
        if (side === 'solution') return couldNot(compose.missing);
        result.notes.push(compose.missing);
      } else if (compose) {
        result.notes.push(...compose.notes);
        needed.push(...compose.needed);
        for (const b of compose.builds) {
          standIn(b.dockerfile);
          if (existsSync(b.dockerfile)) needed.push(...(await baseImages(b.dockerfile, b.args)).flatMap((x) => (x === null ? [] : [local(x)])));
        }
      }
      const missing = await missingLocally(engine, [...new Set(needed)]);
      if (missing.length) return couldNot(`needs ${missing.join(', ')}, not on this engine; dojo pulls nothing: \`docker pull\` it first, or pass --stand-in ${missing[0]}=<a local image>`);
      for (const [alias, to] of Object.entries(aliases)) {
        track(`tag ${alias}`, () => engine.docker.getImage(`${alias}:latest`).remove({ noprune: true }));
        await engine.docker.getImage(to).tag({ repo: alias, tag: 'latest' });
      }
      for (const svc of setup.build) {
        stopIfInterrupted();
        const failed = await buildService(engine, ws.services[svc]!, copy.images[svc]!);
        if (failed && side === 'solution') return couldNot(`the build of ${svc} failed: ${failed}`);
        if (failed) result.notes.push(`${svc} does not build: ${failed}`);
      }
      stopIfInterrupted();
      await createNetworksAndVolumes(engine, copy);
      for (const entry of setup.run) {
        stopIfInterrupted();
        const image = copy.images[entry.service]!;
        if (side === 'starter' && (await missingLocally(engine, [image])).length) { result.notes.push(`${entry.service} not started: its image was not built`); continue; }
        const failed = await runService(engine, entry, copy.containers[entry.service]!, image, copy);
        if (failed && side === 'solution') return couldNot(failed);
        if (failed) result.notes.push(failed);
      }
      if (compose && !('missing' in compose)) {
        stopIfInterrupted();
        const failed = await composeUp(engine, compose.project);
        if (failed && side === 'solution') return couldNot(failed);
        if (failed) result.notes.push(`the compose project did not come up: ${failed}`);
      }
      if (scenarioFile && twins && setup.scenarios) {
        stopIfInterrupted();
        const failed = await startScenarioTwins(engine, scenariosForRun(scenarioFile, twins, setup.scenarios), lab.meta.id, copy.dir, ws.probeImage, interruptSignal());
        if (failed && side === 'solution') return couldNot(failed);
        if (failed) result.notes.push(failed);
      }
      stopIfInterrupted();
      const { grade } = await import('../grading/grade.js');
      const answers = setup.answers ? join(copy.dir, setup.answers) : undefined;
      const run = await grade({ ...g, workspace: copy.dir, workspaceFoundAbove: undefined, recordState: false, interactive: false, ci: true }, course, [judged], { answers });
      const report = run.labs[0]!;
      if (!report.engine.reachable) return couldNot(report.engine.message ?? 'the engine did not answer');
      const checks = judge(side, report.checks, setup.fails);
      return { ...result, notes: [...new Set(result.notes)], checks, status: checks.every((c) => c.ok) ? 'ok' : 'wrong' };
    });
  } finally {
    await scope.release();
  }
}
