// Bundles the CLI so `dojo hint` starts fast. The entry holds commander, chalk and the light
// commands; everything else (dockerode, dockerfile-ast, yaml, gray-matter, zod) is bundled into
// chunks that only the commands needing them import. execa, @inquirer/prompts and tar-fs stay
// external, imported on first use.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GENERATED, stateCheckSource } from './state-check.mjs';
import { mergeEntry } from './merge-entry.mjs';

/** What a package requires at import time but dojo never or rarely uses → a shim that loads it on first use. */
const LAZY = [
  { importer: /node_modules[\\/](dockerode|docker-modem)[\\/]/, shims: {
    '@grpc/grpc-js': 'grpc-js.cjs',
    '@grpc/proto-loader': 'proto-loader.cjs',
    ssh2: 'ssh2.cjs',
    'tar-fs': 'tar-fs.cjs',
    '@balena/dockerignore': 'dockerignore.cjs',
    uuid: 'uuid.cjs',
    protobufjs: 'protobufjs.cjs',
  } },
  { importer: /node_modules[\\/]commander[\\/]/, shims: { 'node:child_process': 'child-process.cjs' } },
];
/** Only those packages' own requires are redirected; dojo's code imports the real packages. */
const lazyRequires = {
  name: 'lazy-requires',
  setup(b) {
    const names = [...new Set(LAZY.flatMap((l) => Object.keys(l.shims)))];
    const filter = new RegExp(`^(${names.map((k) => k.replace(/[/@.:-]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => {
      // The shims' own requires must reach the real package at run time, outside the bundle.
      if (/scripts[\\/]lazy[\\/]/.test(args.importer)) return { path: args.path, external: true };
      const shim = LAZY.find((l) => l.importer.test(args.importer))?.shims[args.path];
      return shim ? { path: fileURLToPath(new URL(`./lazy/${shim}`, import.meta.url)) } : undefined;
    });
  },
};

// esbuild writes to .build/ (beside dist/, so paths relative to the bundle resolve alike), then
// scripts/merge-entry.mjs re-chunks it into dist/.
const STAGE = fileURLToPath(new URL('../.build', import.meta.url));
const DIST = fileURLToPath(new URL('../dist', import.meta.url));
for (const d of [STAGE, DIST]) rmSync(d, { recursive: true, force: true });
mkdirSync(DIST);
// The progress file's validator, compiled from the zod schema (see scripts/state-check.mjs).
writeFileSync(GENERATED, await stateCheckSource());
await build({
  entryPoints: ['src/index.ts', 'src/build-course-cache.ts', 'src/build-schemas.ts'],
  outdir: STAGE,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  minify: true,
  keepNames: false,
  // Lazily imported by the commands that need them, so they never load on `dojo hint`.
  external: ['execa', '@inquirer/prompts', 'tar-fs'],
  // dockerode is bundled with the parts it requires at import time but dojo never uses (gRPC and
  // uuid for BuildKit sessions, protobufjs for BuildKit progress, ssh2 for ssh:// hosts, tar-fs and
  // dockerignore for packing contexts) swapped for shims that load the real packages on first use;
  // likewise commander's child_process.
  plugins: [lazyRequires],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  // `dojo --version` says the package's version without reading package.json at start-up.
  define: { DOJO_BUILD_VERSION: JSON.stringify(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version) },
  logLevel: 'warning',
});

// The JSON Schemas for editors (schemas/, shipped); then validate the built-in course and cache it
// for fast start-up; a content error fails the build.
for (const step of ['build-schemas.js', 'build-course-cache.js']) {
  const { status } = spawnSync(process.execPath, [`${STAGE}/${step}`], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
await mergeEntry(STAGE, DIST);
rmSync(STAGE, { recursive: true, force: true });
