import { existsSync, readFileSync } from 'node:fs';
import { DockerfileParser, type Instruction, type From, type Heredoc } from 'dockerfile-ast';
import { closest } from '../../suggest.js';
import { expand, resolveGlobalArgs } from './build-args.js';
import type { DfInstruction, DfStage, DockerfileFacts } from './dockerfile-model.js';

const KNOWN = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

export function readDockerfile(path: string, buildArgs: Record<string, string> = {}): DockerfileFacts {
  if (!existsSync(path)) return { path, exists: false, stages: [], globalArgs: {}, syntax: null, problems: [] };
  return parseDockerfile(path, readFileSync(path, 'utf8'), buildArgs);
}

/** Parses with dockerfile-ast and turns the tree into plain facts (line numbers 1-based). */
export function parseDockerfile(path: string, content: string, buildArgs: Record<string, string> = {}): DockerfileFacts {
  const df = DockerfileParser.parse(content);
  const problems: DockerfileFacts['problems'] = [];
  // One ARG may declare several (`ARG A=golang B=${A}:1.22`): every property counts, in order.
  const declared = df.getInitialARGs().flatMap((a) => a.getProperties().map((p) => [p.getName(), p.getValue()] as [string, string | null]));
  const syntax = df.getDirectives().find((d) => d.getName().toLowerCase() === 'syntax')?.getValue() ?? null;
  const globalArgs = resolveGlobalArgs(declared, buildArgs, platformArgs());
  const stages: DfStage[] = [];
  let current: DfStage | null = null;

  for (const ins of df.getInstructions()) {
    const keyword = ins.getKeyword().toUpperCase();
    const line = ins.getRange().start.line + 1;
    if (!KNOWN.has(keyword)) {
      const near = closest(keyword, [...KNOWN]);
      problems.push({ line, message: `unknown instruction "${ins.getKeyword()}"${near ? ` (did you mean ${near}?)` : ''}` });
    }
    if (keyword === 'FROM') {
      current = fromStage(ins as From, stages, globalArgs);
      if (!current.baseRaw) problems.push({ line, message: 'FROM needs an image name' });
      stages.push(current);
      continue;
    }
    if (!current) {
      if (keyword !== 'ARG') problems.push({ line, message: `${keyword} before the first FROM (only ARG may come first)` });
      continue;
    }
    const instruction = toInstruction(ins, keyword, line, content);
    const arity = arityProblem(instruction);
    if (arity) problems.push({ line, message: arity });
    current.instructions.push(instruction);
  }
  if (stages.length === 0 && problems.length === 0) problems.push({ line: 1, message: 'no FROM instruction: a Dockerfile starts from a base image' });
  return { path, exists: true, stages, globalArgs, syntax, problems };
}

function fromStage(from: From, stages: DfStage[], args: Record<string, string | null>): DfStage {
  const words = (from.getArgumentsContent() ?? '').trim().split(/\s+/);
  const baseRaw = words[0] ?? '';
  const base = expand(baseRaw, args);
  const name = from.getBuildStage();
  const prior = base === null ? -1 : stages.findIndex((s) => s.name?.toLowerCase() === base.toLowerCase());
  const platform = from.getPlatformFlag()?.getValue() ?? null;
  return {
    index: stages.length,
    name: name ? name.toLowerCase() : null,
    line: from.getRange().start.line + 1,
    base: base === null ? null : base.toLowerCase() === 'scratch' ? 'scratch' : base,
    baseRaw,
    fromStage: prior >= 0 ? prior : null,
    platform,
    instructions: [],
  };
}

function toInstruction(ins: Instruction, keyword: string, line: number, content: string): DfInstruction {
  const flags: Record<string, string | null> = {};
  const mounts: Record<string, string>[] = [];
  const withFlags = ins as Instruction & { getFlags?: () => { getName(): string; getValue(): string | null }[] };
  for (const f of withFlags.getFlags?.() ?? []) {
    const name = f.getName().toLowerCase();
    flags[name] = f.getValue();
    if (name === 'mount') mounts.push(mountOptions(f.getValue() ?? ''));
  }
  const raw = (ins.getArgumentsContent() ?? '').trim();
  const withHeredocs = ins as Instruction & { getHeredocs?: () => Heredoc[] };
  const heredocs = (withHeredocs.getHeredocs?.() ?? []).map((h) => ({ name: h.getName(), content: rangeText(content, h.getContentRange()) }));
  // A comment line inside a continued instruction is dropped by the builder; dockerfile-ast keeps it.
  const text = heredocs.length ? raw : raw.replace(/\s#[^\n]*\n/g, ' ');
  return { keyword, text, json: jsonForm(ins, text), flags, mounts, heredocs, line, endLine: ins.getRange().end.line + 1 };
}

function mountOptions(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    const [k, ...v] = part.split('=');
    if (k) out[k.trim().toLowerCase()] = v.length ? v.join('=').trim() : 'true';
  }
  out.type ??= 'bind';
  return out;
}

function rangeText(content: string, range: ReturnType<Heredoc['getContentRange']>): string {
  if (!range) return '';
  const lines = content.split(/\r?\n/);
  const { start, end } = range;
  if (start.line === end.line) return (lines[start.line] ?? '').slice(start.character, end.character);
  return [lines[start.line]!.slice(start.character), ...lines.slice(start.line + 1, end.line), (lines[end.line] ?? '').slice(0, end.character)].join('\n');
}

function jsonForm(ins: Instruction, text: string): string[] | null {
  const withJson = ins as Instruction & { getOpeningBracket?: () => unknown };
  if (!withJson.getOpeningBracket?.()) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * BuildKit defines these in the global scope without a declaration (BUILDPLATFORM, TARGETOS…): stages
 * named after them (`FROM base-$TARGETOS`) resolve to what the builder would pick on this machine.
 */
export function platformArgs(): Record<string, string> {
  const arch = ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[process.arch] ?? process.arch;
  const os = 'linux';
  return {
    BUILDPLATFORM: `${os}/${arch}`, BUILDOS: os, BUILDARCH: arch, BUILDVARIANT: '',
    TARGETPLATFORM: `${os}/${arch}`, TARGETOS: os, TARGETARCH: arch, TARGETVARIANT: '',
  };
}

/** What the builder refuses before it runs anything: instructions without the arguments they need. */
function arityProblem(i: DfInstruction): string | null {
  const args = i.json ?? (i.heredocs.length ? i.text.split('\n')[0]! : i.text).split(/\s+/).filter(Boolean);
  if ((i.keyword === 'COPY' || i.keyword === 'ADD') && args.length < 2) return `${i.keyword} needs at least one source and a destination`;
  if (['WORKDIR', 'USER', 'EXPOSE', 'ENV', 'ARG', 'LABEL', 'STOPSIGNAL'].includes(i.keyword) && args.length === 0) return `${i.keyword} needs an argument`;
  if (i.keyword === 'RUN' && args.length === 0 && !i.heredocs.length) return 'RUN needs a command';
  return null;
}
