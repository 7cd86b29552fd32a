import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type YAMLMap } from 'yaml';

export interface ComposeFile { path: string; text: string }

export interface RewriteOptions {
  /** Compose service → the throwaway tag the checks expect for the image its first `image:` names (the lab's services). */
  labImages: Record<string, string>;
  /** A throwaway name for anything else: an image ref, a container name. */
  own(kind: 'image' | 'container', name: string): string;
  standIns: Record<string, string>;
  /** dojo's labels, for every service, built image, network and volume of the project. */
  labels: Record<string, string>;
}

export interface Rewritten {
  /** The files' new text (only those that changed). */
  texts: Record<string, string>;
  /** A further `-f` file for `up` and `down` only: dojo's labels on what the project creates. */
  labelsFile: string;
  /** Images Compose will build here (their throwaway tags), to remove again. */
  built: string[];
  /** Services Compose builds without an `image:`: it names those images after the project. */
  unnamedBuilds: string[];
  /** Images the project runs as they are (not built, no profile): they must be on the engine. */
  needed: string[];
  /** The Dockerfiles Compose builds from, with their build args. */
  builds: { service: string; dockerfile: string; args: Record<string, string> }[];
  notes: string[];
}

interface Merged { image?: string; build: boolean; profiles: boolean }

/**
 * Rewrites a workspace copy's compose files so that bringing them up creates only throwaway objects
 * no student has: every image Compose builds gets a throwaway tag (the lab's services the one the
 * checks look for), `container_name`s are throwaway, published ports go to free ports of 127.0.0.1,
 * and stand-ins replace the images run as they are. Everything else (what the checks judge) stays.
 */
export function rewriteCompose(files: ComposeFile[], o: RewriteOptions): Rewritten {
  const docs = files.map((f) => ({ ...f, doc: parseDocument(f.text) }));
  const projectDir = dirname(files[0]?.path ?? '.');
  const merged = new Map<string, Merged>();
  for (const { doc } of docs) {
    for (const [name, svc] of services(doc)) {
      const m = merged.get(name) ?? { build: false, profiles: false };
      const image = svc.get('image');
      if (typeof image === 'string') m.image = image;
      if (svc.has('build')) m.build = true;
      if (svc.has('profiles')) m.profiles = isSeq(svc.get('profiles')) && (svc.get('profiles') as { items: unknown[] }).items.length > 0;
      merged.set(name, m);
    }
  }
  const renamed = new Map<string, string>();
  const notes: string[] = [];
  const builds: Rewritten['builds'] = [];
  const texts: Record<string, string> = {};
  for (const { path, text, doc } of docs) {
    for (const [name, svc] of services(doc)) {
      const m = merged.get(name)!;
      const image = svc.get('image');
      if (typeof image === 'string') {
        let to = image;
        if (m.build) {
          to = renamed.get(image) ?? (o.labImages[name] && ![...renamed.values()].includes(o.labImages[name]!) ? o.labImages[name]! : o.own('image', image));
          renamed.set(image, to);
        } else if (o.standIns[image]) {
          to = o.standIns[image]!;
          notes.push(`stand-in ${image} → ${to}`);
        }
        if (to !== image) svc.set('image', to);
      }
      const container = svc.get('container_name');
      if (typeof container === 'string') svc.set('container_name', o.own('container', container));
      const ports = svc.get('ports', true);
      if (isSeq(ports)) ports.items = ports.items.map((p) => loopbackPort(doc, p));
      const build = svc.get('build', true);
      if (build !== undefined) builds.push({ service: name, ...buildOf(projectDir, build) });
    }
    const out = doc.toString();
    if (out !== text) texts[path] = out;
  }
  const built = [...merged].filter(([, m]) => m.build && m.image).map(([, m]) => renamed.get(m.image!) ?? m.image!);
  const unnamedBuilds = [...merged].filter(([, m]) => m.build && !m.image).map(([n]) => n);
  const needed = [...merged].filter(([, m]) => !m.build && !m.profiles && m.image).map(([, m]) => o.standIns[m.image!] ?? m.image!);
  return { texts, labelsFile: labelsFile(docs.map((d) => d.doc), merged, o.labels), built: [...new Set(built)], unnamedBuilds, needed: [...new Set(needed)], builds, notes: [...new Set(notes)] };
}

function services(doc: Document): [string, YAMLMap][] {
  const s = doc.get('services');
  if (!isMap(s)) return [];
  return s.items.flatMap((p) => (isScalar(p.key) && isMap(p.value) ? [[String(p.key.value), p.value as YAMLMap] as [string, YAMLMap]] : []));
}

/** `8080:8080`, `0.0.0.0:8080:8080/udp`, `8080`, or the long form → the same container port on a free port of 127.0.0.1. */
function loopbackPort(doc: Document, p: unknown): unknown {
  if (isScalar(p) && (typeof p.value === 'string' || typeof p.value === 'number')) {
    const [, target] = /^(?:.*:)?([^:]+)$/.exec(String(p.value)) ?? [];
    if (!target) return p;
    // Quoted: YAML 1.1 readers (Compose v1) take some unquoted `a:b` for base-60 numbers.
    const node = doc.createNode(`127.0.0.1::${target}`);
    node.type = 'QUOTE_DOUBLE';
    return node;
  }
  if (isMap(p)) {
    p.delete('published');
    p.set('host_ip', '127.0.0.1');
  }
  return p;
}

function buildOf(projectDir: string, build: unknown): { dockerfile: string; args: Record<string, string> } {
  if (isScalar(build)) return { dockerfile: resolve(projectDir, String(build.value), 'Dockerfile'), args: {} };
  const b = isMap(build) ? (build.toJSON() as { context?: string; dockerfile?: string; args?: Record<string, string> | string[] }) : {};
  const context = resolve(projectDir, b.context ?? '.');
  const args = Array.isArray(b.args)
    ? Object.fromEntries(b.args.filter((a) => a.includes('=')).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]))
    : Object.fromEntries(Object.entries(b.args ?? {}).map(([k, v]) => [k, String(v)]));
  return { dockerfile: resolve(context, b.dockerfile ?? 'Dockerfile'), args };
}

/** dojo's labels on every service (and the image it builds), on the default network and on each network and volume the files declare. */
function labelsFile(docs: Document[], merged: Map<string, Merged>, labels: Record<string, string>): string {
  const declared = (key: string) => [...new Set(docs.flatMap((doc) => {
    const m = doc.get(key);
    return isMap(m) ? m.items.flatMap((p) => {
      const v = isMap(p.value) ? (p.value.toJSON() as { external?: unknown }) : {};
      return isScalar(p.key) && !v.external ? [String(p.key.value)] : [];
    }) : [];
  }))];
  // Compose v1 refuses files of different `version:`s: the labels file takes the base file's.
  const version = docs[0]?.get('version');
  const file = {
    ...(version !== undefined ? { version } : {}),
    services: Object.fromEntries([...merged].map(([name, m]) => [name, { labels, ...(m.build ? { build: { labels } } : {}) }])),
    networks: Object.fromEntries([...new Set(['default', ...declared('networks')])].map((n) => [n, { labels }])),
    ...(declared('volumes').length ? { volumes: Object.fromEntries(declared('volumes').map((v) => [v, { labels }])) } : {}),
  };
  return stringify(file, { aliasDuplicateObjects: false });
}
