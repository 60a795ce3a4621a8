#!/usr/bin/env node
// The `footfall` command. It runs the built collector (dist/collector, made by
// `npm run build`, which `npm start` runs first); in a checkout that has not been
// built, it runs the TypeScript sources through tsx's loader instead.
import { existsSync } from 'node:fs';

const built = new URL('../dist/collector/footfall.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../collector/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
