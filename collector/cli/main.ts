import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config';
import { migrateDatabase } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import { serveFromEnvironment } from '../server';

const USAGE = `Usage: footfall <command> [options]

Commands:
  serve [--examples] [--host H]   Start the collector (PORT, FOOTFALL_DB_URL, FOOTFALL_*_KEYS
                                   from the environment); --examples also serves the
                                   example storefront at /shop/.
  migrate                         Apply the database migrations (FOOTFALL_DB_URL) and exit;
                                   edge deployments run this before deploying.
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
    case 'migrate': {
      const config = loadConfig(process.env);
      const database = await openDatabase({ url: config.databaseUrl, authToken: config.databaseAuthToken });
      await migrateDatabase(database.db);
      database.client.close();
      process.stdout.write('Database migrated.\n');
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
