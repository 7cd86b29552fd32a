// Materializes the FlowForge fixture workspaces (the good one plus each broken variant as an overlay)
// under test/.work/, and builds their images offline with the engine's classic builder, cached by a
// content hash label so a second run builds nothing.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { parse } from 'yaml';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const GOOD = join(FIXTURES, 'flowforge');
export const WORK = join(ROOT, 'test', '.work');
export const imageTag = (name) => `dojo-test/api-service:${name}`;

/** @returns {{name: string, description: string, mistake: string, image: string, remove: string[], expect: Record<string, {fail: string[], error?: string[]}>}[]} */
export function loadVariants() {
  const dir = join(FIXTURES, 'variants');
  return readdirSync(dir).sort().map((name) => {
    const v = parse(readFileSync(join(dir, name, 'variant.yaml'), 'utf8'));
    return { name, remove: [], expect: {}, ...v };
  });
}

/** Copies the good workspace, lays the variant's files over it, and points dojo.yaml at its image. */
export function materialize(variant) {
  const dest = join(WORK, variant.name);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  cpSync(GOOD, dest, { recursive: true });
  const overlay = join(FIXTURES, 'variants', variant.name, 'files');
  if (existsSync(overlay)) cpSync(overlay, dest, { recursive: true });
  for (const r of variant.remove) rmSync(join(dest, r), { force: true });
  // `image: of:<variant>` reuses another variant's image: a Dockerfile changed since the image was built.
  const tag = variant.image === 'own' ? imageTag(variant.name) : variant.image === 'good' ? imageTag('good')
    : String(variant.image).startsWith('of:') ? imageTag(String(variant.image).slice(3)) : imageTag('never-built');
  writeFileSync(join(dest, 'dojo.yaml'), `services:\n  api-service: { image: "${tag}" }\n`);
  return { dir: dest, tag };
}

/** A content hash of a folder: the fixture images are rebuilt only when it changes. */
export function hashDir(dir) {
  const h = createHash('sha256');
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(relative(dir, p)).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex').slice(0, 16);
}

async function labelOf(tag) {
  const r = await execa('docker', ['image', 'inspect', '-f', '{{index .Config.Labels "io.dojo.fixture.hash"}}', tag], { reject: false });
  return r.exitCode === 0 ? r.stdout.trim() : null;
}

/** Builds the api-service image of a workspace unless an image with the same content hash exists. */
export async function buildApiImage(workspace, tag, log = () => {}) {
  const context = join(workspace, 'api-service');
  const hash = hashDir(context);
  if ((await labelOf(tag)) === hash) return false;
  log(`building ${tag}`);
  const r = await execa('docker', ['build', '-q', '--label', `io.dojo.fixture.hash=${hash}`, '-t', tag, context], {
    reject: false, env: { DOCKER_BUILDKIT: '0' },
  });
  if (r.exitCode !== 0) throw new Error(`docker build of ${tag} failed:\n${r.stderr || r.stdout}`);
  return true;
}

/** The good workspace and every variant, materialized and built. */
export async function prepareAll(log = () => {}) {
  const built = [];
  if (await buildApiImage(GOOD, imageTag('good'), log)) built.push('good');
  const variants = loadVariants();
  const out = { good: GOOD, variants: {} };
  for (const v of variants) {
    const { dir, tag } = materialize(v);
    out.variants[v.name] = { ...v, dir, tag };
    if (v.image === 'own' && (await buildApiImage(dir, tag, log))) built.push(v.name);
  }
  return { ...out, built };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const r = await prepareAll((m) => console.log(`fixtures: ${m}`));
  console.log(`fixtures: ready in ${((Date.now() - started) / 1000).toFixed(0)} s (built: ${r.built.join(', ') || 'nothing, all cached'})`);
}
