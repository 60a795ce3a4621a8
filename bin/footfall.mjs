#!/usr/bin/env node
// The `footfall` command. The collector is TypeScript run through tsx's loader, so
// the package works from a clone without a separate compile step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../collector/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
