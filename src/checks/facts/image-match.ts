import { finalChain, type DfInstruction, type DockerfileFacts } from './dockerfile-model.js';
import type { ImageFacts } from './image-model.js';
import { dockerfileUser } from './user-model.js';

/** Where the built image disagrees with the Dockerfile: it was built from another version of it. */
export interface Mismatch {
  what: string;
  dockerfile: string;
  image: string;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** For RUN steps: builders differ in spacing and quoting, not in words. */
const squash = (s: string) => s.replace(/[\s"']+/g, '');
const show = (v: string[] | null) => (v ? JSON.stringify(v) : 'none');

/** The start command the final stage gives the image, as the builder records it; undefined when inherited. */
export function expectedStart(df: DockerfileFacts): { entrypoint?: string[] | null; cmd?: string[] | null } {
  const out: { entrypoint?: string[] | null; cmd?: string[] | null } = {};
  let shell = ['/bin/sh', '-c'];
  for (const stage of finalChain(df)) {
    let cmdSet = false;
    for (const i of stage.instructions) {
      if (i.keyword === 'SHELL' && i.json) shell = i.json;
      if (i.keyword === 'CMD') {
        out.cmd = formOf(i, shell);
        cmdSet = true;
      }
      if (i.keyword === 'ENTRYPOINT') {
        out.entrypoint = formOf(i, shell);
        // The builder resets a CMD that this stage did not set itself.
        if (!cmdSet) out.cmd = null;
      }
    }
  }
  return out;
}

const formOf = (i: DfInstruction, shell: string[]): string[] | null => i.json ?? (i.text ? [...shell, i.text] : null);

/** A history row's instruction, for the rows that make filesystem layers (the same in both builders). */
function layerKind(createdBy: string): 'RUN' | 'COPY' | 'ADD' | null {
  const c = createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '#nop ');
  const m = /^(?:#nop )?(COPY|ADD)\b/.exec(c);
  if (m) return m[1] as 'COPY' | 'ADD';
  if (c.startsWith('#nop ') || /^(ENV|ARG|LABEL|WORKDIR|USER|EXPOSE|CMD|ENTRYPOINT|HEALTHCHECK|VOLUME|STOPSIGNAL|SHELL|ONBUILD|MAINTAINER)\b/.test(c)) return null;
  return 'RUN';
}

/** The RUN steps of the image's history, oldest first, as text comparable with the Dockerfile's. */
export function historyRuns(img: ImageFacts): string[] {
  return [...img.history]
    .reverse()
    .filter((h) => layerKind(h.createdBy) === 'RUN')
    .map((h) => norm(h.createdBy.replace(/^RUN /, '').replace(/ # buildkit$/, '').replace(/^\|\d+ (\S+=\S* )*/, '')));
}

export function compareImage(df: DockerfileFacts, img: ImageFacts): Mismatch[] {
  const out: Mismatch[] = [];
  const start = expectedStart(df);
  const same = (a: string[] | null, b: string[] | null) => JSON.stringify((a ?? []).map(norm)) === JSON.stringify((b ?? []).map(norm));
  if (start.entrypoint !== undefined && !same(start.entrypoint, img.config.entrypoint)) {
    out.push({ what: 'ENTRYPOINT', dockerfile: show(start.entrypoint), image: show(img.config.entrypoint) });
  }
  if (start.cmd !== undefined && !same(start.cmd, img.config.cmd)) out.push({ what: 'CMD', dockerfile: show(start.cmd), image: show(img.config.cmd) });
  const chain = finalChain(df);
  const user = expectedUser(df);
  if (user !== undefined && user !== img.config.user) out.push({ what: 'USER', dockerfile: user || '(unset)', image: img.config.user || '(unset)' });
  // Layers: RUN, COPY and ADD rows, in order; on scratch every row is the Dockerfile's, on another base the last ones.
  const instructions = chain.flatMap((s) => s.instructions).filter((i) => ['RUN', 'COPY', 'ADD'].includes(i.keyword));
  const rows = [...img.history].reverse().filter((h) => layerKind(h.createdBy) !== null);
  const fromScratch = chain[0]!.base === 'scratch';
  const tail = rows.slice(-instructions.length || rows.length);
  const kinds = (xs: string[]) => xs.join(' ');
  const want = instructions.map((i) => i.keyword);
  const have = (instructions.length ? tail : []).map((h) => layerKind(h.createdBy)!);
  if ((fromScratch && rows.length !== instructions.length) || kinds(want) !== kinds(have)) {
    out.push({ what: 'layers', dockerfile: `${want.length} (${kinds(want) || 'none'})`, image: `${fromScratch ? rows.length : have.length} (${kinds(fromScratch ? rows.map((h) => layerKind(h.createdBy)!) : have) || 'none'})` });
    return out;
  }
  const runs = instructions.filter((i) => i.keyword === 'RUN');
  if (!runs.some((i) => i.heredocs.length)) {
    let shell = ['/bin/sh', '-c'];
    const expected = chain.flatMap((s) => s.instructions).flatMap((i) => {
      if (i.keyword === 'SHELL' && i.json) shell = i.json;
      return i.keyword === 'RUN' ? [norm(i.json ? i.json.join(' ') : `${shell.join(' ')} ${i.text.replace(/\\\r?\n/g, ' ')}`)] : [];
    });
    const actual = historyRuns(img).slice(-expected.length);
    const differs = expected.findIndex((e, k) => squash(e) !== squash(actual[k] ?? ''));
    if (expected.length && differs >= 0) out.push({ what: 'RUN step', dockerfile: expected[differs]!, image: actual[differs] ?? '(none)' });
  }
  return out;
}

/** The USER the final stage sets, with ARG and ENV values expanded as the builder does; undefined when unset or unknown. */
const expectedUser = (df: DockerfileFacts): string | undefined => dockerfileUser(df).final?.value ?? undefined;
