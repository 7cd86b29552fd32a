// Bundles the CLI so `dojo hint` starts fast: commander, chalk, yaml, gray-matter and zod are
// inlined; engine and prompt libraries stay external and are imported lazily by the commands
// that need them, so they never load on `dojo hint` or `dojo list`.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/index.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['dockerode', 'dockerfile-ast', 'execa', '@inquirer/prompts', 'tar-stream', 'tar-fs', '@balena/dockerignore'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
