import { posix } from 'node:path';
import picomatch from 'picomatch';
import { assignments, hasSecretShape, isSecretName, MASK } from '../redact.js';
import { copyArgs } from './copy-sources.js';
import { dockerignore } from './dockerignore-matcher.js';
import { finalStage, stageRef, type DfInstruction, type DockerfileFacts } from './dockerfile-model.js';
import type { ImageFacts } from './image-model.js';

/** One place a secret sits. `what` never holds the value. */
export interface SecretHit {
  where: 'dockerfile' | 'env' | 'history' | 'label' | 'file';
  name: string;
  what: string;
  line?: number;
}

const literal = (value: string) => value.trim() !== '' && !/^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*)?\}?$/.test(value.trim());
/** A number alone (a port, a length, a count of seconds) is not judged a secret by its name. */
const isSecret = (name: string, value: string, allow: string[]) =>
  !allow.includes(name) && value.trim() !== '' && ((isSecretName(name) && !/^\d+$/.test(value.trim())) || hasSecretShape(value));

/** `ENV NAME value` (the old form) or `NAME=value …`. */
function pairs(i: DfInstruction): { name: string; value: string }[] {
  if (i.keyword === 'ENV' && !/^[^\s=]+=/.test(i.text)) {
    const m = /^(\S+)\s+([\s\S]*)$/.exec(i.text);
    return m ? [{ name: m[1]!, value: m[2]! }] : [];
  }
  return assignments(i.text);
}

/** Secret values written into the Dockerfile itself (any stage: the file is shared and versioned). */
export function dockerfileSecrets(df: DockerfileFacts, allow: string[] = []): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const s of df.stages) {
    for (const i of s.instructions) {
      if (['ENV', 'ARG', 'LABEL'].includes(i.keyword)) {
        for (const p of pairs(i)) {
          if (literal(p.value) && isSecret(p.name, p.value, allow)) {
            hits.push({ where: 'dockerfile', name: p.name, line: i.line, what: `${i.keyword} ${p.name}=${MASK}${i.keyword === 'ARG' ? ' (a default value)' : ''}` });
          }
        }
      } else if ((i.keyword === 'RUN' || i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && hasSecretShape([i.text, ...i.heredocs.map((h) => h.content)].join('\n'))) {
        hits.push({ where: 'dockerfile', name: i.keyword, line: i.line, what: `${i.keyword} holds a value shaped like a key or a URL with a password` });
      }
    }
  }
  return hits;
}

/** Names the final image's stages set with ENV or declare with ARG: what the current Dockerfile can put in the image. */
export function declaredNames(df: DockerfileFacts): Set<string> {
  const names = new Set<string>();
  for (const s of df.stages) {
    for (const i of s.instructions) {
      if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
      for (const p of pairs(i)) names.add(p.name);
      for (const word of i.text.split(/\s+/)) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(word)) names.add(word);
    }
  }
  return names;
}

/** What anyone who has the image can read with `docker image inspect` and `docker history --no-trunc`. */
export function imageSecrets(img: ImageFacts, allow: string[] = []): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const e of img.config.env) {
    const name = e.slice(0, e.indexOf('='));
    if (isSecret(name, e.slice(e.indexOf('=') + 1), allow)) hits.push({ where: 'env', name, what: `ENV ${name} in the image config (docker image inspect shows its value)` });
  }
  const inEnv = new Set(hits.map((h) => h.name));
  for (const h of img.history) {
    const args = /^(RUN )?\|\d+ /.exec(h.createdBy);
    const env = /(?:#\(nop\)\s+|^)ENV /.test(h.createdBy);
    for (const a of args || env ? assignments(h.createdBy) : []) {
      if (env && inEnv.has(a.name)) continue;
      if (isSecret(a.name, a.value, allow)) {
        hits.push({ where: 'history', name: a.name, what: args ? `build argument ${a.name} is recorded in the history of a RUN step (docker history --no-trunc shows its value)` : `ENV ${a.name} is recorded in the image history` });
      }
    }
    if (!args && !env && hasSecretShape(h.createdBy)) hits.push({ where: 'history', name: 'RUN', what: 'a build step in the history holds a value shaped like a key or a URL with a password' });
  }
  for (const [name, value] of Object.entries(img.config.labels)) {
    if (!allow.includes(name) && isSecret(name.replace(/[^A-Za-z0-9_]/g, '_'), value, allow)) hits.push({ where: 'label', name, what: `LABEL ${name} in the image config` });
  }
  return dedupe(hits);
}

const dedupe = (hits: SecretHit[]) => hits.filter((h, k) => hits.findIndex((o) => o.what === h.what) === k);

/** Files that hold credentials by their name; examples and public halves are not secrets. */
const SECRET_FILE = picomatch(['.env', '.env.*', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', '*.key', '*.p12', '*.pfx', '.npmrc', '.pypirc', '.netrc', '.git-credentials', '.pgpass', 'credentials', 'credentials.json', '*-key.pem', '*_key.pem', 'key.pem', 'private*.pem'], { dot: true });
const NOT_SECRET_FILE = /\.(example|sample|template|dist|defaults?)$|\.pub$/;
export const isSecretFileName = (path: string): boolean => SECRET_FILE(posix.basename(path)) && !NOT_SECRET_FILE.test(path);

/** Well-known places of credentials in an image, whatever the Dockerfile says. */
const WELL_KNOWN = ['/root/.ssh/id_rsa', '/root/.ssh/id_ed25519', '/root/.aws/credentials', '/root/.docker/config.json', '/root/.git-credentials', '/root/.npmrc', '/root/.netrc'];

export interface SecretFileCandidate {
  path: string;
  /** The Dockerfile line that copies it there, when one does. */
  line?: number;
  /** For a `COPY --from` of another stage: that stage and the line that took the file from the context. */
  via?: { stage: string; line: number };
}

type Placed = Map<string, { line: number; contextLine: number }>;

/**
 * Where secret-named files of the build context land in the final image, the ignore file applied:
 * context COPY/ADD of the final stage's chain, and `COPY --from=<stage>` followed back through the
 * stages that took them from the context (`COPY . .` in a build stage, `COPY --from=build /src /opt`).
 * Plus `.env` in `/` and in the final WORKDIR and a few well-known credential paths. Only paths the
 * image really has count; dojo stats each one.
 */
export function secretFileCandidates(df: DockerfileFacts, context: { files: string[]; dockerignore: { lines: string[] } } | undefined): SecretFileCandidate[] {
  const ignored = dockerignore(context?.dockerignore.lines ?? []);
  const contextFiles = (context?.files ?? []).filter((f) => !f.endsWith('/') && !ignored.ignores(f) && isSecretFileName(f));
  const done = new Map<number, { placed: Placed; workdir: string }>();
  const stageFiles = (index: number, seen: number[] = []): { placed: Placed; workdir: string } => {
    if (done.has(index)) return done.get(index)!;
    const stage = df.stages[index]!;
    const parent = stage.fromStage !== null && !seen.includes(stage.fromStage) ? stageFiles(stage.fromStage, [...seen, index]) : null;
    const placed: Placed = new Map(parent?.placed ?? []);
    let workdir = parent?.workdir ?? '/';
    for (const i of stage.instructions) {
      if (i.keyword === 'WORKDIR') workdir = posix.resolve(workdir, i.text.trim());
      if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
      const from = i.flags.from;
      let source: { file: string; contextLine: number }[];
      if (from === undefined || from === null) source = contextFiles.map((file) => ({ file, contextLine: i.line }));
      else {
        const other = stageRef(df, from);
        if (!other || other.index === index || seen.includes(other.index)) continue; // an image, not a stage: not ours to follow
        source = [...stageFiles(other.index, [...seen, index]).placed].map(([abs, p]) => ({ file: abs.replace(/^\/+/, ''), contextLine: p.contextLine }));
      }
      const { sources, dest } = copyArgs(i);
      const target = posix.resolve(workdir, dest);
      const intoDir = dest.endsWith('/') || sources.length > 1 || dest === '.';
      for (const src of sources) {
        const base = posix.normalize(src).replace(/^\.?\/+/, '').replace(/\/+$/, '');
        const glob = picomatch(base || '**', { dot: true });
        for (const { file: f, contextLine } of source) {
          const inside = base === '' || base === '.' ? f : f.startsWith(`${base}/`) ? f.slice(base.length + 1) : null;
          if (inside !== null) placed.set(posix.join(target, inside), { line: i.line, contextLine });
          else if (glob(f) || f === base) placed.set(intoDir ? posix.join(target, posix.basename(f)) : target, { line: i.line, contextLine });
        }
      }
    }
    const result = { placed, workdir };
    done.set(index, result);
    return result;
  };
  const last = finalStage(df);
  const { placed, workdir } = last ? stageFiles(last.index) : { placed: new Map() as Placed, workdir: '/' };
  const out = new Map<string, SecretFileCandidate>();
  for (const [path, p] of placed) {
    const stage = p.contextLine === p.line ? undefined : df.stages.find((s) => s.instructions.some((i) => i.line === p.contextLine));
    out.set(path, { path, line: p.line, ...(stage ? { via: { stage: stage.name ?? String(stage.index), line: p.contextLine } } : {}) });
  }
  for (const p of ['/.env', posix.join(workdir, '.env'), ...WELL_KNOWN]) if (!out.has(p)) out.set(p, { path: p });
  return [...out.values()];
}
