/** A Dockerfile as the rules see it: plain data, so rules stay pure and tests can build it inline. */
export interface DfInstruction {
  keyword: string;
  /** Arguments without flags, continuations joined. */
  text: string;
  /** Exec (JSON) form values, when the instruction uses it. */
  json: string[] | null;
  /** The last value of each flag (`--from`, `--chown`…); `mounts` keeps every `--mount`. */
  flags: Record<string, string | null>;
  /** Each `RUN --mount=…`, its options parsed: { type: 'cache', target: '/go/pkg/mod' }. */
  mounts: Record<string, string>[];
  /** Here-documents (`RUN <<EOF`, `COPY <<EOF /dest`): the delimiter name and the body. */
  heredocs: { name: string; content: string }[];
  line: number;
  endLine: number;
}

export interface DfStage {
  index: number;
  name: string | null;
  line: number;
  /** Base after ARG expansion; null when it could not be resolved. */
  base: string | null;
  baseRaw: string;
  /** Index of the stage this one builds FROM, when it is a stage of this file. */
  fromStage: number | null;
  platform: string | null;
  instructions: DfInstruction[];
}

export interface DockerfileFacts {
  path: string;
  exists: boolean;
  stages: DfStage[];
  globalArgs: Record<string, string | null>;
  /** The `# syntax=` parser directive, when present (BuildKit fetches that frontend). */
  syntax: string | null;
  problems: { line: number; message: string }[];
}

export const finalStage = (df: DockerfileFacts): DfStage | undefined => df.stages[df.stages.length - 1];

/** The final stage and every stage it builds FROM, root first (`FROM base AS a` … `FROM a`). */
export function finalChain(df: DockerfileFacts): DfStage[] {
  const chain: DfStage[] = [];
  let stage = finalStage(df);
  while (stage && !chain.includes(stage)) {
    chain.unshift(stage);
    stage = stage.fromStage === null ? undefined : df.stages[stage.fromStage];
  }
  return chain;
}

/** Resolves a `--from` value (name or index) to a stage of this file. */
export function stageRef(df: DockerfileFacts, ref: string): DfStage | undefined {
  if (/^\d+$/.test(ref)) return df.stages[Number(ref)];
  return df.stages.find((s) => s.name?.toLowerCase() === ref.toLowerCase());
}

export const isScratchLike = (base: string | null): boolean =>
  base === 'scratch' || (base !== null && /distroless\/(static|base)/.test(base));
