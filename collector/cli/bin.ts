import { main } from './main';

// The entry of the built `footfall` command (dist/collector/footfall.js).
process.exitCode = await main(process.argv.slice(2));
