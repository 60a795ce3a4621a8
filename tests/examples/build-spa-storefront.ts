import { execFileSync } from 'node:child_process';

/**
 * Builds examples/spa-storefront as `npm run example:spa` does, after the
 * global setup's `rollup -c`: first the package's type declarations (the second
 * half of `npm run build`), since the example type-checks against what npm
 * users get, then the example with its own rollup config.
 */
export function buildSpaStorefront(): void {
  const run = (script: string, args: string[]) => execFileSync(process.execPath, [script, ...args], { stdio: 'pipe' });
  run('node_modules/typescript/bin/tsc', ['-p', 'tsconfig.sdk.json']);
  run('node_modules/rollup/dist/bin/rollup', ['-c', 'examples/spa-storefront/rollup.config.mjs', '--silent']);
}
