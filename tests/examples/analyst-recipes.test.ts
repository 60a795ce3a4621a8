import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type TestCollector } from '../helpers/collector-server';
import { runCommand } from './run-command';

/**
 * examples/analyst: the sample data (4 shoppers, 20 events) loaded by `npm run
 * example:seed` into a real collector, then each recipe's one command (curl, the
 * CLI, SQL) checked against the answers the data was designed to give:
 * - funnel: 4 viewed (Kim, Lee, Max, Noa), 3 added, 2 checked out and ordered (Kim, Max);
 *   1 min from view to add for each, 3 and 2 min to checkout (median 2.5), 2 min to order;
 * - last touch in 30 days: Kim's web and store orders (89 + 15) → newsletter, Max's (98) →
 *   instagram two days before his direct return;
 * - abandoned: Lee's boot (149), the only cart without an order;
 * - Kim (cust-1042) on three channels: web, a call, a store order.
 */
describe('analyst recipes on the sample data', () => {
  let collector: TestCollector;
  let env: Record<string, string>;
  beforeAll(async () => {
    collector = await startCollector({ examples: false });
    env = { FOOTFALL_URL: collector.url, FOOTFALL_DB_URL: `file:${collector.dbFile}` };
    const seeded = await npmRun('example:seed');
    expect([seeded.code, seeded.stdout]).toEqual([0, '{"success":true,"accepted":20,"duplicates":0,"rejected":[]}\n']);
  });
  afterAll(async () => {
    await collector?.close();
  });

  const npmRun = (script: string) => runCommand('npm', ['run', '--silent', script], env);

  /** The script's output, split at its `## title` lines: title → the text below it. */
  const sections = (stdout: string): Record<string, string> =>
    Object.fromEntries(stdout.split(/^## /m).slice(1).map((part) => [part.slice(0, part.indexOf('\n')), part.slice(part.indexOf('\n') + 1)]));

  /** The CSV export's rows as [id, messageId, type], and how many events each person has. */
  const exported = (csv: string) => {
    const [header, ...lines] = csv.trimEnd().split('\n');
    const rows = lines.map((line) => /^(\d+),(\d+),(sample-\d\d),(\w+),/.exec(line)!.slice(1));
    const perPerson = [...rows.reduce((m, r) => m.set(r[1]!, (m.get(r[1]!) ?? 0) + 1), new Map<string, number>()).values()];
    return { header, rows: rows.map(([id, , messageId, type]) => [Number(id), messageId, type]), perPerson };
  };
  const expectedExport = {
    header: 'id,personId,messageId,type,event,name,anonymousId,userId,previousId,groupId,timestamp,receivedAt,originalTimestamp,sentAt,channel,campaignSource,campaignMedium,campaignName,pagePath,sessionId,ip,bot,properties,traits,context',
    rows: ['page', 'track', 'track', 'track', 'identify', 'track', 'track', 'track', 'page', 'track', 'track', 'track', 'page', 'page', 'track', 'track', 'track', 'track', 'page', 'track'].map(
      (type, i) => [i + 1, `sample-${String(i + 1).padStart(2, '0')}`, type],
    ),
    perPerson: [8, 4, 6, 2],
  };

  it('curl: journey, funnel, attribution, abandoned carts and export over HTTP', async () => {
    const run = await npmRun('example:curl');
    expect(run.code).toBe(0);
    const out = sections(run.stdout);
    expect(Object.keys(out)).toEqual([
      'Journey of cust-1042 (any of their ids), every device and channel',
      'Funnel: viewed, added, checkout, order within 7 days',
      'Attribution: orders and revenue by the last campaign source within 30 days',
      'Abandoned carts: no order within 24 hours of the last cart activity',
      'Export: every event of October 2026, as CSV',
    ]);
    const [journey, funnel, attribution, carts, csv] = Object.values(out);

    const { person, sessions } = JSON.parse(journey!) as { person: unknown; sessions: { channel: string | null; events: { timestamp: string; event: string | null; type: string }[] }[] };
    expect(person).toEqual({ userIds: ['cust-1042'], anonymousIds: ['anon-kim'], traits: { email: 'kim@example.com' } });
    expect(sessions.map((s) => [s.channel, s.events.map((e) => `${e.timestamp.slice(5, 16)} ${e.event ?? e.type}`)])).toEqual([
      [null, ['10-05T09:00 page', '10-05T09:01 Product Viewed', '10-05T09:02 Product Added', '10-05T09:05 Checkout Started', '10-05T09:06 identify', '10-05T09:07 Order Completed']],
      ['call_center', ['10-07T15:00 Call Completed']],
      ['store', ['10-12T11:00 Order Completed']],
    ]);
    expect(JSON.parse(funnel!)).toEqual({
      steps: [
        { label: 'Product Viewed', count: 4, conversionFromStart: 1, conversionFromPrevious: 1, medianTimeFromPreviousMs: null },
        { label: 'Product Added', count: 3, conversionFromStart: 0.75, conversionFromPrevious: 0.75, medianTimeFromPreviousMs: 60_000 },
        { label: 'Checkout Started', count: 2, conversionFromStart: 0.5, conversionFromPrevious: 2 / 3, medianTimeFromPreviousMs: 150_000 },
        { label: 'Order Completed', count: 2, conversionFromStart: 0.5, conversionFromPrevious: 1, medianTimeFromPreviousMs: 120_000 },
      ],
      breakdown: [],
    });
    expect(JSON.parse(attribution!)).toEqual({ rows: [{ key: 'newsletter', conversions: 2, revenue: 104 }, { key: 'instagram', conversions: 1, revenue: 98 }] });
    expect(JSON.parse(carts!)).toEqual({
      carts: [{ userIds: [], anonymousIds: ['anon-lee'], lastActivity: '2026-10-06T12:03:00.000Z', products: [{ productId: 'boot-1', name: 'Chelsea Boot', price: 149, quantity: 1 }], value: 149 }],
    });
    expect(exported(csv!)).toEqual(expectedExport);
  });

  it('curl: a wrong read key stops the script at the first recipe, with curl\'s exit code', async () => {
    const refused = await runCommand('sh', ['examples/analyst/curl.sh'], { ...env, FOOTFALL_READ_KEY: 'not_a_key' });
    expect([refused.code, refused.stdout]).toEqual([22, '## Journey of cust-1042 (any of their ids), every device and channel\n']);
    expect(refused.stderr).toContain('401');
  });

  it('CLI: the same answers as tables, straight from the database file', async () => {
    const run = await npmRun('example:cli');
    expect(run.code).toBe(0);
    const [journey, funnel, attribution, carts, csv] = Object.values(sections(run.stdout));
    expect(journey).toBe(`userIds: cust-1042
anonymousIds: anon-kim

time                      session  channel      campaign    type      event
------------------------  -------  -----------  ----------  --------  ----------------
2026-10-05T09:00:00.000Z  1        web          newsletter  page
2026-10-05T09:01:00.000Z  1        web          newsletter  track     Product Viewed
2026-10-05T09:02:00.000Z  1        web          newsletter  track     Product Added
2026-10-05T09:05:00.000Z  1        web          newsletter  track     Checkout Started
2026-10-05T09:06:00.000Z  1        web          newsletter  identify
2026-10-05T09:07:00.000Z  1        web          newsletter  track     Order Completed
2026-10-07T15:00:00.000Z  2        call_center              track     Call Completed
2026-10-12T11:00:00.000Z  3        store                    track     Order Completed
`);
    expect(funnel).toBe(`step              persons  from start  from previous  median time
----------------  -------  ----------  -------------  -----------
Product Viewed          4  100.0%      100.0%         —
Product Added           3  75.0%       75.0%          1.0m
Checkout Started        2  50.0%       66.7%          2.5m
Order Completed         2  50.0%       100.0%         2.0m
`);
    expect(attribution).toBe(`key         conversions  revenue
----------  -----------  -------
newsletter            2      104
instagram             1       98
`);
    expect(carts).toBe(`person    last activity             products  value
--------  ------------------------  --------  -----
anon-lee  2026-10-06T12:03:00.000Z         1    149
`);
    expect(exported(csv!)).toEqual(expectedExport);
    expect(run.stderr).toContain('100% 20/20 events');
  });

  it('SQL: the recipes in examples/analyst/sql agree with the API', async () => {
    const run = await npmRun('example:sql');
    expect(run.code).toBe(0);
    expect(sections(run.stdout)).toEqual({
      'Journey of cust-1042': `time              channel      type      what                campaign
----------------  -----------  --------  ------------------  ----------
2026-10-05 09:00  web          page      /shop/product.html  newsletter
2026-10-05 09:01  web          track     Product Viewed      —
2026-10-05 09:02  web          track     Product Added       —
2026-10-05 09:05  web          track     Checkout Started    —
2026-10-05 09:06  web          identify  —                   —
2026-10-05 09:07  web          track     Order Completed     —
2026-10-07 15:00  call_center  track     Call Completed      —
2026-10-12 11:00  store        track     Order Completed     —
`,
      'Funnel: viewed, added, checkout, order within 7 days of the first view': `step              persons
----------------  -------
Product Viewed          4
Product Added           3
Checkout Started        2
Order Completed         2
`,
      'Attribution: last touch by source, 30 days': `source      orders  revenue
----------  ------  -------
newsletter       2      104
instagram        1       98
`,
      'Abandoned carts: no order within 24 hours': `person    last_activity     products   value
--------  ----------------  ---------  -----
anon-lee  2026-10-06 12:03  boot-1 x1    149
`,
      'Orders by channel': `channel  orders  revenue
-------  ------  -------
web           2      187
store         1       15
`,
    });
  });

  it('footfall sql changes nothing, whatever the statement asks', async () => {
    const footfall = (...args: string[]) => runCommand('npx', ['footfall', ...args], env);
    const deleted = await footfall('sql', 'delete from events');
    expect([deleted.code, deleted.stdout]).toEqual([2, '']);
    expect(deleted.stderr).toContain('footfall sql: read-only, nothing was changed (attempt to write a readonly database)');
    const count = await footfall('sql', '--json', 'select count(*) as n from events where message_id like :prefix', '--param', 'prefix=sample-%');
    expect([count.code, JSON.parse(count.stdout)]).toEqual([0, [{ n: 20 }]]);
    // A libSQL server cannot be held to read-only the same way: refused, not risked.
    const remote = await runCommand('npx', ['footfall', 'sql', 'select 1'], { ...env, FOOTFALL_DB_URL: 'http://127.0.0.1:9' });
    expect([remote.code, remote.stdout]).toEqual([2, '']);
    expect(remote.stderr).toContain('footfall sql: reads an embedded database file only');
    // Loading the sample again stores nothing twice.
    expect((await npmRun('example:seed')).stdout).toBe('{"success":true,"accepted":0,"duplicates":20,"rejected":[]}\n');
  });
});
