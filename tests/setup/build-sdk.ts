import { execFileSync } from 'node:child_process';

/** Builds `dist/` with the real rollup config, so browser tests load what users load. */
export default function buildSdk(): void {
  execFileSync(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', '--silent'], { stdio: 'inherit' });
}
