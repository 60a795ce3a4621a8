import { and, count, gte, lt } from 'drizzle-orm';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { events } from '../db/schema';
import { csvHeader, exportPages, exportSchema, toCsvLine, toNdjsonLine } from '../queries/export-events';
import { parseQuery, rangeOf } from '../queries/query-input';
import { cliDatabase } from './cli-database';
import { progressBar } from './progress-bar';
import { UsageError } from './query-command';

/**
 * `footfall export --format csv|ndjson [--from T] [--to T] [--out file]`: every
 * stored event in the range, to a file (or stdout), with a progress bar on stderr.
 *
 * @returns the exit code
 * @example
 * await exportCommand(['--format', 'csv', '--out', 'events.csv'])
 */
export async function exportCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { format: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } } });
  const params = parseQuery(exportSchema, { format: values.format, from: values.from, to: values.to });
  const { db, client } = await cliDatabase(process.env);
  try {
    const { from, to } = rangeOf(params);
    const [total] = await db.select({ n: count() }).from(events).where(and(gte(events.timestamp, from), lt(events.timestamp, to)));
    const out = values.out ? createWriteStream(values.out) : process.stdout;
    // An unwritable path fails here, as one clear error, before any work.
    if (out !== process.stdout) {
      await once(out, 'open').catch((error: Error) => {
        throw new UsageError(`cannot write ${values.out}: ${error.message}`);
      });
    }
    const bar = progressBar(process.stderr, total?.n ?? 0);
    let done = 0;
    if (params.format === 'csv') out.write(csvHeader());
    for await (const page of exportPages(db, params)) {
      const ok = out.write(page.map(params.format === 'csv' ? toCsvLine : toNdjsonLine).join(''));
      if (!ok) await once(out, 'drain');
      done += page.length;
      bar.update(done);
    }
    bar.done(done);
    if (out !== process.stdout) await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return 0;
  } finally {
    client.close();
  }
}
