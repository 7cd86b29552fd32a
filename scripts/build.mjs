// Bundles the CLI so `dojo hint` starts fast: commander, chalk, yaml, gray-matter and zod are
// inlined; engine and prompt libraries stay external and are imported lazily by the commands
// that need them, so they never load on `dojo hint` or `dojo list`.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/index.ts', 'src/build-course-cache.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  minify: true,
  keepNames: true,
  // Lazily imported by the commands that need them, so they never load on `dojo hint`.
  external: ['dockerfile-ast', 'execa', '@inquirer/prompts', 'tar-stream', 'tar-fs', '@balena/dockerignore'],
  // dockerode is bundled with its heavy optional parts (gRPC for BuildKit sessions, ssh2 for
  // ssh:// hosts) swapped for shims that load the real packages on first use.
  alias: {
    '@grpc/grpc-js': './scripts/lazy/grpc-js.cjs',
    '@grpc/proto-loader': './scripts/lazy/proto-loader.cjs',
    ssh2: './scripts/lazy/ssh2.cjs',
  },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});

// Validate the built-in course and cache it for fast start-up; a content error fails the build.
const { status } = spawnSync(process.execPath, ['dist/build-course-cache.js'], { stdio: 'inherit' });
if (status !== 0) process.exit(status ?? 1);
