import { roleOf } from './commands.js';
import type { DfInstruction, DfStage, DockerfileFacts } from './dockerfile-model.js';
import { stageRef } from './dockerfile-model.js';
import { commandsOf } from './shell.js';
import { isBroadCopy, isManifestCopy } from './copy-sources.js';

/** What one stage does about dependencies, read from its instructions' parsed commands. */
export interface StageSteps {
  stage: DfStage;
  /** The first RUN that installs the project's dependencies from its manifests. */
  install?: DfInstruction;
  /** The first RUN that builds and would download dependencies itself (none installed before it). */
  fetchingBuild?: DfInstruction;
  /** The first COPY/ADD of the service's code from the context. */
  source?: DfInstruction;
  /** The last manifest-only COPY before the install. */
  manifests?: DfInstruction;
  /** Dependencies arrive from another stage: built FROM one that installs, or COPY --from one. */
  depsFrom?: { stage: DfStage; line: number };
  /** Installs or builds anything (as opposed to only copying files around). */
  works: boolean;
}

export interface Context { goModuleWithoutDeps?: boolean }

export function stageSteps(df: DockerfileFacts, ctx: Context = {}): StageSteps[] {
  const out: StageSteps[] = [];
  for (const stage of df.stages) {
    const parent = stage.fromStage === null ? undefined : out[stage.fromStage];
    const steps: StageSteps = { stage, works: false };
    if (parent && (parent.install || parent.depsFrom)) steps.depsFrom = { stage: parent.stage, line: stage.line };
    for (const i of stage.instructions) {
      if (i.keyword === 'COPY' && i.flags.from) {
        const from = stageRef(df, i.flags.from);
        const fromSteps = from ? out[from.index] : undefined;
        if (fromSteps && (fromSteps.install || fromSteps.depsFrom) && !steps.depsFrom) steps.depsFrom = { stage: from!, line: i.line };
        continue;
      }
      if (isBroadCopy(i)) steps.source ??= i;
      else if (isManifestCopy(i) && !steps.install) steps.manifests = i;
      if (i.keyword !== 'RUN') continue;
      const roles = commandsOf(i).map((c) => ({ c, role: roleOf(c) }));
      // A cache mount keeps downloaded modules between builds, whatever the order of the layers.
      const cached = i.mounts.some((m) => m.type === 'cache');
      for (const { c, role } of roles) {
        if (!role || role.role === 'os' || role.role === 'tool') continue;
        steps.works = true;
        if (role.role === 'install') steps.install ??= i;
        else if (role.role === 'build' && role.fetches && !cached && !steps.install && !steps.depsFrom && !vendored(c.argv, c.env) && !ctx.goModuleWithoutDeps) steps.fetchingBuild ??= i;
      }
    }
    out.push(steps);
  }
  return out;
}

const vendored = (argv: string[], env: Record<string, string>): boolean =>
  argv.includes('-mod=vendor') || /-mod=vendor/.test(env.GOFLAGS ?? '') || argv.includes('--offline') || argv.includes('--frozen');

/** Stages the final image is made from: its FROM chain and every stage it copies from, recursively. */
export function reachableStages(df: DockerfileFacts): Set<number> {
  const seen = new Set<number>();
  const visit = (s: DfStage | undefined) => {
    if (!s || seen.has(s.index)) return;
    seen.add(s.index);
    if (s.fromStage !== null) visit(df.stages[s.fromStage]);
    for (const i of s.instructions) if ((i.keyword === 'COPY' || i.keyword === 'ADD') && i.flags.from) visit(stageRef(df, i.flags.from));
  };
  visit(df.stages[df.stages.length - 1]);
  return seen;
}

/** The dependency install that builds the service: the first one in a stage the final image is made from. */
export function serviceInstall(df: DockerfileFacts): DfInstruction | undefined {
  const reach = reachableStages(df);
  return stageSteps(df).find((s) => reach.has(s.stage.index) && s.install)?.install;
}

/** Instructions the classic builder cannot build (BuildKit only), with their line. */
export function buildKitOnly(df: DockerfileFacts): { line: number; what: string }[] {
  const out: { line: number; what: string }[] = [];
  for (const i of df.stages.flatMap((s) => s.instructions)) {
    if (i.heredocs.length) out.push({ line: i.line, what: `${i.keyword} with a here-document` });
    else if (i.mounts.length) out.push({ line: i.line, what: 'RUN --mount' });
    else for (const f of ['link', 'chmod', 'parents', 'exclude']) if (f in i.flags) out.push({ line: i.line, what: `${i.keyword} --${f}` });
  }
  return out;
}
