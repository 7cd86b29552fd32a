import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Course } from '../content/types.js';
import type { GlobalOptions } from '../context.js';
import { DojoError, ExitCode } from '../errors.js';
import { kindByName } from '../checks/kinds/index.js';
import type { AnyKind } from '../checks/types.js';
import { planWorkflow, type CiLab } from '../ci/plan.js';
import { renderWorkflow } from '../ci/workflow.js';
import { dojoCommand } from '../rerun.js';
import { DOJO_VERSION } from '../version.js';
import { loadWorkspace, workspaceOptions, type Workspace } from '../workspace.js';
import { openCourse } from './shared.js';

export interface CiInitResult {
  type: 'ci-init';
  file: string;
  overwritten: boolean;
  /** What the workflow builds and starts, as dojo found it in the workspace. */
  builds: { service: string; image: string }[];
  compose: string[];
  /** Per lab, what the workflow does on the engine before the gate. */
  prepares: { lab: string; what: string[] }[];
  /** The gate's command line as the workflow runs it. */
  gate: string;
  notices: string[];
}

export const WORKFLOW_PATH = '.github/workflows/dojo.yml';
export const REPORT_FILE = 'dojo-report.xml';
/** Where a student keeps the answers CI grades the interactive checks with (`--answers`). */
export const ANSWERS_FILE = 'dojo-answers.yaml';
/** Pulled by the workflow when no `probeImage` is set: dojo picks a local image named busybox first. */
const DEFAULT_PROBE_IMAGE = 'busybox:1.36';

/**
 * Writes a GitHub Actions workflow that builds the images, runs what each lab declares CI must run
 * (front matter `ci:`, the Compose stack of a compose lab), then the exit gate.
 */
export async function ciInit(g: GlobalOptions, opts: { force?: boolean; path?: string; package?: string }): Promise<CiInitResult> {
  const course = await openCourse(g);
  const file = resolve(g.workspace, opts.path ?? WORKFLOW_PATH);
  const existed = existsSync(file);
  if (existed && !opts.force) {
    throw new DojoError({
      code: 'E_EXISTS',
      message: `${file} already exists; dojo did not change it`,
      suggestion: 'Run `dojo ci init --force` to replace it (your edits to it would be lost), or --path <file> to write another.',
      exitCode: ExitCode.badInput,
    });
  }
  const targets = {
    services: [...new Set(course.labs.flatMap((l) => l.meta.targets.services))],
    layout: Object.assign({}, ...course.labs.map((l) => l.meta.targets.layout)),
    network: false, volume: false, compose: false,
  };
  const ws = await loadWorkspace(g.workspace, { targets, courseServices: targets.services });
  const rel = (p: string) => relative(ws.dir, p).split('\\').join('/') || '.';
  const builds = Object.values(ws.services).filter((s) => existsSync(s.dockerfile)).map((s) => ({ service: s.name, image: s.image, context: rel(s.context), dockerfile: rel(s.dockerfile) }));
  const compose = ws.compose.files.filter((f) => existsSync(f)).map(rel);
  const facts = await factTypes(course, ws.dir);
  const labs: CiLab[] = course.labs.map((lab) => ({
    id: lab.meta.id,
    compose: lab.meta.targets.compose,
    scenarios: lab.meta.ci.scenarios,
    scripts: lab.meta.ci.scripts.map((s) => ({ ...s, exists: existsSync(join(ws.dir, s.file)) })),
    interactive: lab.checks.filter((c) => (kindByName.get(c.kind) as AnyKind | undefined)?.interact).map((c) => c.id),
  }));
  const install = dojoPackage(ws.dir, opts.package);
  const plan = planWorkflow({
    dojoVersion: DOJO_VERSION,
    dojoPackage: install.spec,
    labs,
    builds,
    compose: { files: compose, ...explicitProject(ws) },
    probeImage: facts.has('dnsprobe') || facts.has('diagnosis') || labs.some((l) => l.scenarios) ? (ws.probeImage ?? DEFAULT_PROBE_IMAGE) : null,
    scanner: facts.has('scan'),
    answers: labs.some((l) => l.interactive.length) ? await answersState(ws.dir, course) : { file: ANSWERS_FILE, exists: false, unanswered: [] },
    dojo: (args) => dojoCommand({ course: g.course, workspace: ws.dir }, args, ws.dir),
    report: REPORT_FILE,
  });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, renderWorkflow(plan, DOJO_VERSION));
  return {
    type: 'ci-init', file, overwritten: existed,
    builds: builds.map(({ service, image }) => ({ service, image })), compose,
    prepares: plan.prepares,
    gate: plan.steps.find((s) => s.id === 'gate')!.run!,
    notices: [...(install.notice ? [install.notice] : []), ...plan.notices],
  };
}

/**
 * Where the runner installs dojo from. dojo ships as a package tarball (README); a class template
 * repository that carries one (`dojo-docker-*.tgz` at its root) installs that, else the registry name
 * is written with a notice, because a name the registry does not hold fails the whole job at once.
 */
function dojoPackage(dir: string, given: string | undefined): { spec: string; notice?: string } {
  if (given) return { spec: given };
  const tarball = readdirSync(dir).filter((f) => /^dojo-docker-.*\.tgz$/.test(f)).sort().pop();
  if (tarball) return { spec: `./${tarball}` };
  return {
    spec: `dojo-docker@${DOJO_VERSION}`,
    notice: `the workflow installs dojo-docker@${DOJO_VERSION} from the npm registry; if your class gets dojo as a tarball, commit it at the repository root (dojo-docker-${DOJO_VERSION}.tgz, made with \`npm pack\`) and run \`dojo ci init --force\` again, or pass --package <tarball URL or path>`,
  };
}

/** The fact types the course's checks ask for in this workspace: what the runner must provide (a probe image, a scanner). */
async function factTypes(course: Course, dir: string): Promise<Set<string>> {
  const types = new Set<string>();
  for (const lab of course.labs) {
    const ws = await loadWorkspace(dir, workspaceOptions(course.labs, lab));
    for (const def of lab.checks) {
      const kind = kindByName.get(def.kind) as AnyKind | undefined;
      const service = ws.services[def.service ?? lab.meta.targets.services[0] ?? 'api-service'];
      if (!kind || !service) continue;
      for (const r of kind.needs({ lab: lab.meta.id, workspace: ws, service }, kind.params.parse(def.params ?? {}))) types.add(r.type);
    }
  }
  return types;
}

/** `-p` only when dojo.yaml names the project: otherwise Compose and dojo both derive it from the checkout, as they agree. */
function explicitProject(ws: Workspace): { project?: string } {
  if (!ws.configFile) return {};
  const project = (parse(readFileSync(ws.configFile, 'utf8')) as { compose?: { project?: unknown } } | null)?.compose?.project;
  return typeof project === 'string' ? { project } : {};
}

/** The committed answers file, read as the gate will read it, so its problems show now rather than in CI. */
async function answersState(dir: string, course: Course): Promise<{ file: string; exists: boolean; problem?: string; unanswered: string[] }> {
  const path = join(dir, ANSWERS_FILE);
  if (!existsSync(path)) return { file: ANSWERS_FILE, exists: false, unanswered: [] };
  const { readAnswers, unansweredQuestions } = await import('../grading/answers.js');
  try {
    const { answers } = await readAnswers(path, course.labs);
    return { file: ANSWERS_FILE, exists: true, unanswered: unansweredQuestions(course.labs, answers) };
  } catch (err) {
    if (!(err instanceof DojoError)) throw err;
    // One problem is the message itself; several are the details, each at its line.
    const lines = (err.details.length ? err.details : [err.message]).map((l) => l.trim().replace(`${path}:`, 'line '));
    return { file: ANSWERS_FILE, exists: true, problem: lines.join('; '), unanswered: [] };
  }
}
