/**
 * Size budgets in bytes (1 KB = 1,000 bytes, the stricter reading), gzip -9.
 * The README's size table quotes the measured figures beside them.
 */
export const BUDGETS = {
  /** dist/footfall.js: consent, queue, retry, tabs, sessions, campaigns, SPA, e-commerce. */
  scriptTag: 4_500,
  /** An app's bundle of `createClient(…).track(…)`: core with consent gate, queue and retry. */
  trackOnly: 3_000,
  /** All of footfall/ecommerce. */
  ecommerce: 1_000,
  /** The stub snippet, raw bytes. */
  stubSnippet: 600,
} as const;
