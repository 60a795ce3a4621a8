import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/**
 * TypeScript for rollup. Declarations come from `tsc -p tsconfig.sdk.json`
 * (the second half of `npm run build`), so the plugin only transpiles.
 * @param {string} target the ECMAScript version to emit
 */
const ts = (target) =>
  typescript({
    tsconfig: './tsconfig.sdk.json',
    target,
    declaration: false,
    emitDeclarationOnly: false,
    declarationDir: undefined,
    noEmitOnError: true,
  });

export default [
  // npm: ESM, readable, one module graph that bundlers tree-shake.
  {
    input: 'sdk/index.ts',
    output: { file: 'dist/esm/index.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve(), ts('ES2022')],
  },
  // Script tag: one self-contained minified IIFE. ES2020 keeps Safari 14 and
  // other slightly older browsers of real shoppers working.
  {
    input: 'sdk/script-tag.ts',
    output: { file: 'dist/footfall.js', format: 'iife', sourcemap: false },
    plugins: [
      nodeResolve(),
      ts('ES2020'),
      terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
    ],
  },
];
