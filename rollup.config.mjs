import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { cpSync } from 'node:fs';

/**
 * TypeScript for rollup. Declarations come from `tsc -p tsconfig.sdk.json`
 * (the second half of `npm run build`), so the plugin only transpiles.
 * @param {string} target the ECMAScript version to emit
 * @param {Record<string, unknown>} [extra] more plugin options (the size tests widen `include`)
 */
export const ts = (target, extra = {}) =>
  typescript({
    tsconfig: './tsconfig.sdk.json',
    target,
    declaration: false,
    emitDeclarationOnly: false,
    declarationDir: undefined,
    noEmitOnError: true,
    ...extra,
  });

/**
 * Minifier settings of every shipped minified file. The size tests and
 * `npm run bench:size` build with exactly these, so the budgets and the peer
 * table measure what users load.
 */
export const TERSER_OPTIONS = { ecma: 2020, compress: { passes: 2 }, format: { comments: false } };

/**
 * Plugins of a minified browser build: resolve, transpile to ES2021 (Safari 14,
 * Chrome 85, Firefox 79 and later: the slightly older browsers of real
 * shoppers; ES2021 adds only `??=`-style assignment and numeric separators,
 * which those already run, and keeping `a ??= b` saves bytes), minify.
 * @param {Record<string, unknown>} [tsExtra] more options for the TypeScript plugin
 */
export const minifiedPlugins = (tsExtra = {}) => [nodeResolve(), ts('ES2021', tsExtra), terser(TERSER_OPTIONS)];

/**
 * Copies the committed migrations beside the built collector, where
 * `collector/db/migrate.ts` looks for them (`./migrations` of its own module).
 */
const copyMigrations = () => ({
  name: 'copy-migrations',
  writeBundle() {
    cpSync('collector/db/migrations', 'dist/collector/migrations', { recursive: true });
  },
});

/** Copies the dashboard's page and style sheet beside its script (they need no build). */
const copyDashboardShell = () => ({
  name: 'copy-dashboard-shell',
  writeBundle() {
    for (const file of ['index.html', 'dashboard.css']) cpSync(`collector/dashboard/${file}`, `dist/dashboard/${file}`);
  },
});

export default [
  // npm: ESM, readable, one module graph per entry point that bundlers tree-shake.
  {
    input: { index: 'sdk/index.ts', ecommerce: 'sdk/ecommerce/index.ts', spa: 'sdk/spa/index.ts' },
    output: { dir: 'dist/esm', format: 'es', sourcemap: true, chunkFileNames: 'shared/[name]-[hash].js' },
    plugins: [nodeResolve(), ts('ES2022')],
  },
  // Script tag: one self-contained minified IIFE.
  {
    input: 'sdk/script-tag.ts',
    output: { file: 'dist/footfall.js', format: 'iife', sourcemap: false },
    plugins: minifiedPlugins(),
  },
  // The collector for Node, run by `footfall` / `npm start`: plain JavaScript, so the
  // server needs no TypeScript loader at run time (a third less memory at idle).
  // Dependencies stay external; they are installed beside it.
  {
    input: 'collector/cli/bin.ts',
    output: { file: 'dist/collector/footfall.js', format: 'es', sourcemap: true },
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    plugins: [typescript({ tsconfig: './tsconfig.collector.json', outDir: 'dist/collector', noEmitOnError: true }), copyMigrations()],
  },
  // The analyst dashboard the collector serves at /dashboard: one minified ES module,
  // no framework and no chart library (its charts are a few SVG shapes).
  {
    input: 'collector/dashboard/ui/main.ts',
    output: { file: 'dist/dashboard/dashboard.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve(), typescript({ tsconfig: './tsconfig.dashboard.json', noEmitOnError: true }), terser(TERSER_OPTIONS), copyDashboardShell()],
  },
];
