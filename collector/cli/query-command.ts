import { parseArgs } from 'node:util';
import type { Database } from '../db/open-database';
import { abandonedCarts, abandonedCartsSchema } from '../queries/abandoned-carts';
import { attribution, attributionSchema } from '../queries/attribution';
import { funnel, funnelSchema } from '../queries/funnel';
import { journeyOf } from '../queries/journey';
import { paths, pathsSchema } from '../queries/paths';
import { parseQuery } from '../queries/query-input';
import { retention, retentionSchema } from '../queries/retention';
import { cliDatabase } from './cli-database';
import { humanDuration, percent, printTable } from './print-table';

const OPTIONS = {
  json: { type: 'boolean', default: false },
  steps: { type: 'string' },
  window: { type: 'string' },
  order: { type: 'string' },
  breakdown: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  model: { type: 'string' },
  by: { type: 'string' },
  lookback: { type: 'string' },
  conversion: { type: 'string' },
  idle: { type: 'string' },
  start: { type: 'string' },
  depth: { type: 'string' },
  limit: { type: 'string' },
  period: { type: 'string' },
  mode: { type: 'string' },
} as const;

/**
 * `footfall query <report> …`: runs a report straight on the database
 * (`FOOTFALL_DB_URL`) and prints a table, or the HTTP API's JSON with `--json`.
 *
 * @returns the exit code
 * @example
 * await queryCommand(['funnel', '--steps', 'Product Viewed,Order Completed', '--window', '7d'])
 */
export async function queryCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  const [report, id] = positionals;
  const { db, client } = await cliDatabase(process.env);
  try {
    const output = await run(db, report, id, values);
    if (output === undefined) return 1;
    process.stdout.write(values.json ? `${JSON.stringify(output.json, null, 2)}\n` : output.table);
    return 0;
  } finally {
    client.close();
  }
}

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** The report's answer: JSON, and the table to print without `--json`. */
async function run(db: Database, report: string | undefined, id: string | undefined, v: Values): Promise<{ json: unknown; table: string } | undefined> {
  const range = { from: v.from, to: v.to };
  const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  switch (report) {
    case 'funnel': {
      const steps = (v.steps ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => (s.startsWith('/') ? { page: s } : { event: s }));
      const result = await funnel(db, parseQuery(funnelSchema, { steps, window: v.window, order: v.order, breakdown: v.breakdown, ...range }));
      const rows = result.steps.map((s) => [s.label, s.count, percent(s.conversionFromStart), percent(s.conversionFromPrevious), humanDuration(s.medianTimeFromPreviousMs)]);
      return tableOrJson(v, result, printTable(['step', 'persons', 'from start', 'from previous', 'median time'], rows));
    }
    case 'journey': {
      if (!id) throw new UsageError('usage: footfall query journey <userId or anonymousId>');
      const result = await journeyOf(db, id);
      if (!result) {
        process.stderr.write(`footfall: no person has used the id "${id}"\n`);
        return undefined;
      }
      const rows = result.sessions.flatMap((s) => s.events.map((e) => [e.timestamp, String(s.id ?? ''), s.channel ?? 'web', s.campaign?.source ?? '', e.type, e.event ?? e.name ?? '']));
      const head = `userIds: ${result.person.userIds.join(', ')}\nanonymousIds: ${result.person.anonymousIds.join(', ')}\n\n`;
      return tableOrJson(v, result, head + printTable(['time', 'session', 'channel', 'campaign', 'type', 'event'], rows));
    }
    case 'attribution': {
      const result = await attribution(db, parseQuery(attributionSchema, { model: v.model, by: v.by, lookback: v.lookback, conversion: v.conversion, ...range }));
      return tableOrJson(v, result, printTable(['key', 'conversions', 'revenue'], result.rows.map((r) => [r.key, r.conversions, r.revenue])));
    }
    case 'abandoned-carts': {
      const result = await abandonedCarts(db, parseQuery(abandonedCartsSchema, { idle: v.idle, ...range }));
      const rows = result.carts.map((c) => [c.userIds[0] ?? c.anonymousIds[0] ?? '', c.lastActivity, c.products.length, c.value]);
      return tableOrJson(v, result, printTable(['person', 'last activity', 'products', 'value'], rows));
    }
    case 'paths': {
      const result = await paths(db, parseQuery(pathsSchema, { start: v.start, depth: num(v.depth), limit: num(v.limit), ...range }));
      const rows = [...result.paths.map((p) => [p.steps.join(' → '), p.count]), ['(other)', result.other], ['(total)', result.total]];
      return tableOrJson(v, result, printTable(['path', 'sessions'], rows));
    }
    case 'retention': {
      const result = await retention(db, parseQuery(retentionSchema, { period: v.period, mode: v.mode, ...range }));
      const rows = result.cohorts.map((c) => [c.start.slice(0, 10), c.size, c.rates.map(percent).join('  ')]);
      return tableOrJson(v, result, printTable(['cohort', 'persons', `retained by ${result.period}`], rows));
    }
    default:
      throw new UsageError(`unknown report "${report ?? ''}" (funnel, journey, attribution, abandoned-carts, paths, retention)`);
  }
}

function tableOrJson(_v: Values, json: unknown, table: string): { json: unknown; table: string } {
  return { json, table };
}

/** A mistake in the command line: reported in one line, exit code 2. */
export class UsageError extends Error {}
