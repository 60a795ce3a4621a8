import { rollup, type Plugin } from 'rollup';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minifiedPlugins } from '../../rollup.config.mjs';

/** Bytes of one file as shipped and as a browser downloads it. */
export interface BundleSize {
  raw: number;
  /** `gzip -9`. */
  gzip: number;
  /** brotli at its highest quality (11), as CDNs serve static files. */
  brotli: number;
}

/**
 * Sizes of `code` measured the way the README and the budgets quote them.
 * @param code the file's text
 * @returns raw, gzip -9 and brotli q11 byte counts
 * @example
 * compressedSizes('!function(){}()').gzip // 35
 */
export function compressedSizes(code: string | Uint8Array): BundleSize {
  const bytes = typeof code === 'string' ? Buffer.from(code) : code;
  return {
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
  };
}

/** Options of {@link buildMinified}. */
export interface BuildOptions {
  /** `iife` for a script-tag file, `es` for what an app's bundler would emit. */
  format: 'es' | 'iife';
  /**
   * Plugins of the build.
   * @default minifiedPlugins() of rollup.config.mjs, widened to transpile the test entries too
   */
  plugins?: Plugin[];
  /**
   * Put lazily imported chunks into the one output (the bench counts all the code a peer can load).
   * @default false
   */
  inlineDynamicImports?: boolean;
  /**
   * Fail on any rollup warning (Footfall's own code must build cleanly; peers' npm builds warn about `this` rewrites and such).
   * @default true
   */
  strictWarnings?: boolean;
}

/**
 * Bundle and minify one entry with the project's real rollup plugins and
 * terser settings, in memory.
 * @param input entry file
 * @param options output format and plugins
 * @returns the minified code of the single chunk
 * @example
 * const code = await buildMinified('tests/size/track-only.ts', { format: 'es' });
 */
export async function buildMinified(input: string, options: BuildOptions): Promise<string> {
  const plugins = options.plugins ?? minifiedPlugins({ include: ['sdk/**/*.ts', 'tests/size/*.ts'], rootDir: '.' });
  const bundle = await rollup({
    input,
    plugins,
    onwarn: (warning) => {
      if (options.strictWarnings !== false) throw new Error(`rollup: ${warning.message}`);
    },
  });
  try {
    const { output } = await bundle.generate({ format: options.format, inlineDynamicImports: options.inlineDynamicImports === true });
    return output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('');
  } finally {
    await bundle.close();
  }
}
