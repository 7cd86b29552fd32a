import { finalChain, type DfInstruction, type DockerfileFacts } from './dockerfile-model.js';
import type { ImageFacts } from './image-model.js';

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

/** The RUN steps of the image's history, oldest first, as text comparable with the Dockerfile's. */
export function historyRuns(img: ImageFacts): string[] {
  return [...img.history]
    .reverse()
    .map((h) => h.createdBy.replace(/^RUN /, '').replace(/ # buildkit$/, ''))
    .filter((c) => !/#\(nop\)/.test(c) && !/^(COPY|ADD|ENV|ARG|LABEL|WORKDIR|USER|EXPOSE|CMD|ENTRYPOINT|HEALTHCHECK|VOLUME|STOPSIGNAL|SHELL|ONBUILD)\b/.test(c))
    .map((c) => norm(c.replace(/^\|\d+ (\S+=\S* )*/, '')));
}

export function compareImage(df: DockerfileFacts, img: ImageFacts): Mismatch[] {
  const out: Mismatch[] = [];
  const start = expectedStart(df);
  const same = (a: string[] | null, b: string[] | null) => JSON.stringify((a ?? []).map(norm)) === JSON.stringify((b ?? []).map(norm));
  if (start.entrypoint !== undefined && !same(start.entrypoint, img.config.entrypoint)) {
    out.push({ what: 'ENTRYPOINT', dockerfile: show(start.entrypoint), image: show(img.config.entrypoint) });
  }
  if (start.cmd !== undefined && !same(start.cmd, img.config.cmd)) out.push({ what: 'CMD', dockerfile: show(start.cmd), image: show(img.config.cmd) });
  const chain = finalChain(df).flatMap((s) => s.instructions);
  const user = chain.filter((i) => i.keyword === 'USER').pop();
  if (user && !user.text.includes('$') && user.text !== img.config.user) out.push({ what: 'USER', dockerfile: user.text, image: img.config.user || '(unset)' });
  const runs = chain.filter((i) => i.keyword === 'RUN');
  if (!runs.some((i) => i.heredocs.length || i.text.includes('$'))) {
    let shell = ['/bin/sh', '-c'];
    const expected = chain.flatMap((i) => {
      if (i.keyword === 'SHELL' && i.json) shell = i.json;
      return i.keyword === 'RUN' ? [norm(i.json ? i.json.join(' ') : `${shell.join(' ')} ${i.text.replace(/\\\r?\n/g, ' ')}`)] : [];
    });
    const actual = historyRuns(img).slice(-expected.length);
    const differs = expected.findIndex((e, k) => squash(e) !== squash(actual[k] ?? ''));
    if (expected.length && (actual.length < expected.length || differs >= 0)) {
      const k = differs < 0 ? 0 : differs;
      out.push({ what: 'RUN steps', dockerfile: expected[k] ?? '(none)', image: actual[k] ?? '(none)' });
    }
  }
  return out;
}
