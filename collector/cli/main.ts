import { parseArgs } from 'node:util';
import { serveFromEnvironment } from '../server';

const USAGE = `Usage: footfall <command> [options]

Commands:
  serve [--examples] [--host H]   Start the collector (PORT, FOOTFALL_DB_URL, FOOTFALL_*_KEYS
                                   from the environment); --examples also serves the
                                   example storefront at /shop/.
  help                            Show this text.
`;

/**
 * Runs the `footfall` command line.
 *
 * @returns the process exit code (servers keep running after it returns).
 */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({
        args: rest,
        options: { examples: { type: 'boolean', default: false }, host: { type: 'string' } },
      });
      await serveFromEnvironment({ examples: values.examples, ...(values.host ? { hostname: values.host } : {}) });
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`footfall: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
