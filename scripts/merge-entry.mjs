// Second build step: esbuild's code splitting puts every module that a lazily imported command also
// uses into a shared chunk of its own, so `dojo hint` loaded 13 files for ~120 KB. Each ESM file
// costs a read, a compile and a link (most of it on the critical path of start-up). Rollup re-chunks
// esbuild's output so that the entry's whole static graph is ONE file, dist/index.js; the lazily
// imported commands keep their own chunks and import what they share from index.js (which is why
// src/index.ts must not use top-level await: a chunk importing an entry still evaluating would wait
// forever). Nothing is re-minified or tree-shaken; esbuild's source maps are chained through.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { rollup } from 'rollup';

/** esbuild's source map for each of its files, so dist/*.map still point at src/. */
const chainedMaps = {
  name: 'chained-maps',
  load(id) {
    if (!id.endsWith('.js') || !existsSync(`${id}.map`)) return null;
    return { code: readFileSync(id, 'utf8'), map: readFileSync(`${id}.map`, 'utf8') };
  },
};

/** Re-chunks `${from}/index.js` into `to`: its static imports merged into index.js. */
export async function mergeEntry(from, to) {
  const entry = `${from}/index.js`;
  let staticGraph;
  const bundle = await rollup({
    input: { index: entry },
    external: (id) => id.startsWith('node:') || builtinModules.includes(id) || (!id.startsWith('.') && !id.startsWith('/')),
    treeshake: false,
    plugins: [chainedMaps],
    onwarn: (w, warn) => {
      // esbuild's bundles contain cycles and dockerode's eval; both are as esbuild left them.
      if (w.code === 'CIRCULAR_DEPENDENCY' || w.code === 'EVAL') return;
      warn(w);
    },
  });
  await bundle.write({
    dir: to,
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunk-[hash].js',
    manualChunks(id, { getModuleInfo }) {
      if (!staticGraph) {
        staticGraph = new Set();
        const walk = (m) => {
          if (staticGraph.has(m)) return;
          staticGraph.add(m);
          for (const d of getModuleInfo(m)?.importedIds ?? []) walk(d);
        };
        walk(entry);
      }
      return staticGraph.has(id) ? 'index' : undefined;
    },
  });
  await bundle.close();
}
