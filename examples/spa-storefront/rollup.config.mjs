// Builds the storefront as a shop's own project would: `footfall` is imported by
// its package name (here this repository's package; in a shop, node_modules),
// type-checked against its published declarations, tree-shaken and minified.
// Run from anywhere: `rollup -c examples/spa-storefront/rollup.config.mjs`.
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Copies the page and its styles beside the bundle, so that dist/ is the whole site. */
const copyFiles = (names) => ({
  name: 'copy-files',
  generateBundle() {
    for (const fileName of names) this.emitFile({ type: 'asset', fileName, source: readFileSync(here(fileName)) });
  },
});

export default {
  input: here('src/main.ts'),
  output: { dir: here('dist'), format: 'es', entryFileNames: 'app.js', sourcemap: true },
  plugins: [
    nodeResolve(),
    typescript({ tsconfig: here('tsconfig.json'), noEmitOnError: true }),
    terser({ format: { comments: false } }),
    copyFiles(['index.html', 'styles.css']),
  ],
};
