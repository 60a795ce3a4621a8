/**
 * Version reported as `context.library.version`. Kept in step with
 * package.json by a unit test (rollup has no JSON plugin here, and importing
 * package.json would ship its whole text in the bundle).
 * @example
 * import { VERSION } from 'footfall';
 */
export const VERSION = '0.1.0';
