import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config';
import { migrateDatabase } from '../db/migrate';
import { openDatabase } from '../db/open-database';
import { ApiError } from '../http/api-error';
import { serveFromEnvironment } from '../server';
import { exportCommand } from './export-command';
import { queryCommand, UsageError } from './query-command';
import { sqlCommand } from './sql-command';

const USAGE = `Usage: footfall <command> [options]

Commands:
  serve [--examples] [--host H]   Start the collector (PORT, FOOTFALL_DB_URL, FOOTFALL_*_KEYS
                                   from the environment); --examples also serves the
                                   example storefronts at /shop/ and /spa/ (built by
                                   npm run example:spa).
  migrate                         Apply the database migrations (FOOTFALL_DB_URL) and exit;
                                   edge deployments run this before deploying.
  query <report> [options]        Run a report on FOOTFALL_DB_URL and print a table
                                   (--json for the HTTP API's JSON). Reports:
    funnel --steps "A,B,/cart" [--window 7d] [--order ordered|strict|any] [--breakdown path]
    journey <userId or anonymousId>
    attribution [--model last_touch] [--by source] [--lookback 30d] [--conversion "Order Completed"]
    abandoned-carts [--idle 24h]
    paths [--start EVENT] [--depth 4] [--limit 10]
    retention --from T --to T [--period week] [--mode on|on_or_after]
    (all take --from / --to: ISO-8601 or epoch ms)
  export [--format ndjson|csv] [--from T] [--to T] [--out FILE]
                                   Every stored event; progress on stderr.
  sql "SELECT …" | --file F [--param name=value]… [--json]
                                   One read-only SQL statement on the database file
                                   of FOOTFALL_DB_URL, printed as a table; --param
                                   binds :name (as text).
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
    case 'query':
    case 'export':
    case 'sql':
      try {
        return await (command === 'query' ? queryCommand(rest) : command === 'export' ? exportCommand(rest) : sqlCommand(rest));
      } catch (error) {
        // Bad options are the user's to fix: say what, without a stack trace.
        const badOption = error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
        if (!(error instanceof ApiError) && !(error instanceof UsageError) && !badOption) throw error;
        process.stderr.write(`footfall ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
        return 2;
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
