// Types of the named exports of rollup.config.mjs, for the size tests and the bench.
import type { Plugin, RollupOptions } from 'rollup';

export declare const ts: (target: string, extra?: Record<string, unknown>) => Plugin;
export declare const TERSER_OPTIONS: { ecma: 2020; compress: { passes: number }; format: { comments: boolean } };
export declare const minifiedPlugins: (tsExtra?: Record<string, unknown>) => Plugin[];
declare const config: RollupOptions[];
export default config;
