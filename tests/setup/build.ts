import { execFileSync } from 'node:child_process';

/**
 * Builds `dist/` with the real rollup config (the SDK bundles and the Node
 * collector), so tests exercise what users load and run.
 */
export default function build(): void {
  execFileSync(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', '--silent'], { stdio: 'inherit' });
}
