// `npm run bench:delivery`: every delivery scenario of tests/browser/delivery.test.ts,
// tests/browser/consent-gate.test.ts and tests/collector/crash-durability.test.ts, with
// the same parameters, in one table: what the page fired, what the collector stored,
// what the queue dropped on purpose, and what was doubled, resent or lost.
import type { Page } from 'playwright-core';
import type { FootfallClient } from '../sdk/types';
import { runCollectorCrashScenario } from '../tests/scenarios/collector-crash';
import { browse, GPC_ON, traceOf } from '../tests/scenarios/consent';
import { firedIds, openShop, settle, shopPage, startDeliveryLab, type DeliveryLab, type DeliveryOutcome } from '../tests/scenarios/delivery-lab';
import { runFlakyCollector } from '../tests/scenarios/flaky-collector';
import { runNoIndexedDb } from '../tests/scenarios/no-indexeddb';
import { runOfflineCap } from '../tests/scenarios/offline-cap';
import { runOfflineReload } from '../tests/scenarios/offline-reload';
import { runRetryAfter } from '../tests/scenarios/retry-after';
import { runTabs } from '../tests/scenarios/tabs';
import { runUnload } from '../tests/scenarios/unload';

declare const window: Window & { footfall: FootfallClient };

/** One scenario's outcome beside its target. */
interface DeliveryRow extends DeliveryOutcome {
  target: string;
  met: boolean;
}

const DELIVERED = '0 lost, 0 duplicated';
/**
 * tsx compiles with esbuild's `keepNames`, so a named function inside a
 * `page.evaluate` callback (e.g. in tests/helpers/footfall-storage.ts) calls a
 * `__name` helper the page lacks; vitest's transform adds none. The identity is enough.
 */
const KEEP_NAMES_SHIM = 'globalThis.__name = (target) => target;';
const NO_TRACE = '0 requests, 0 storage keys';

/** `lost` counted against the drops the queue reported, not the ones the scenario planned. */
function delivered(outcome: DeliveryOutcome): DeliveryRow {
  const lost = outcome.fired - outcome.stored - outcome.dropped;
  return { ...outcome, lost, target: DELIVERED, met: lost === 0 && outcome.duplicated === 0 };
}

/** The delivery scenarios of tests/browser/delivery.test.ts, in its order; extra figures go to `notes`. */
async function browserRows(lab: DeliveryLab, notes: string[]): Promise<DeliveryRow[]> {
  const rows = [delivered(await runOfflineReload(lab))];
  const flaky = await runFlakyCollector(lab);
  notes.push(`503 ×3: batch request statuses ${flaky.statuses.join(', ')}`);
  const retry = await runRetryAfter(lab);
  notes.push(`429: next batch request ${retry.waitedMs} ms after the refusal, ${retry.requestsDuringPause} requests during the pause`);
  rows.push(delivered(flaky), delivered(retry), delivered(await runUnload(lab)));
  for (const tabs of [{ tabs: 2, events: 60 }, { tabs: 5, events: 60 }, { tabs: 5, events: 60, leave: true }, { tabs: 3, events: 60, withoutWebLocks: true }]) {
    rows.push(delivered(await runTabs(lab, tabs)));
  }
  for (const breakage of ['missing', 'open-fails'] as const) {
    const outcome = await runNoIndexedDb(lab, breakage);
    const databases = Object.keys(outcome.storage).filter((key) => key.startsWith('idb:'));
    notes.push(`IndexedDB ${breakage}: ${databases.length === 0 ? 'no database created' : `databases created: ${databases.join(', ')}`}`);
    rows.push(delivered(outcome));
  }
  const cap = await runOfflineCap(lab);
  notes.push(`Offline cap: newest 1,000 kept ${cap.keptNewest ? 'yes' : 'NO'}, long tasks ${cap.longTasks}, longest 10 ms heartbeat gap ${cap.maxHeartbeatGapMs} ms`);
  rows.push(delivered(cap));
  return rows;
}

/**
 * A consent scenario that must leave no trace: the events the page let through
 * (`beforeSend`), rows stored for the page, requests to /v1/ and storage keys.
 */
async function noTraceRow(lab: DeliveryLab, scenario: string, path: string, options: Parameters<typeof traceOf>[2], act: (page: Page) => Promise<void>): Promise<DeliveryRow> {
  let fired = 0;
  const trace = await traceOf(lab, path, options, async (page) => {
    await act(page);
    fired = (await firedIds(page)).length;
  });
  const rows = await lab.collector.db.execute({ sql: 'select count(*) as n from events where page_path = ?', args: [path] });
  const stored = Number(rows.rows[0]!['n']);
  const keys = Object.keys(trace.storage).length;
  return {
    scenario: `${scenario}: ${trace.requests} requests, ${keys} storage keys`,
    fired,
    stored,
    dropped: 0,
    duplicated: 0,
    resent: 0,
    lost: 0,
    target: NO_TRACE,
    met: fired === 0 && stored === 0 && trace.requests === 0 && keys === 0,
  };
}

/** Pending, then grant: the held calls (and the page view) are delivered once. */
async function grantLater(lab: DeliveryLab): Promise<DeliveryRow> {
  const context = await lab.browser.newContext();
  try {
    const page = await openShop(context, shopPage(lab, '/grant-later.html', { consent: 'pending' }));
    await browse(page, 'Held While Pending');
    await page.waitForTimeout(300);
    await page.evaluate(() => window.footfall.consent.grant());
    await page.evaluate(() => window.footfall.flush());
    return delivered(await settle(lab, 'consent pending → grant', await firedIds(page)));
  } finally {
    await context.close();
  }
}

/** The scenarios of tests/browser/consent-gate.test.ts that deliver or must leave nothing. */
async function consentRows(lab: DeliveryLab): Promise<DeliveryRow[]> {
  return [
    await noTraceRow(lab, 'consent pending, flush() called', '/pending.html', { consent: 'pending' }, async (page) => void (await browse(page, 'Browsing Pending'))),
    await grantLater(lab),
    await noTraceRow(lab, 'consent pending → deny', '/deny-later.html', { consent: 'pending' }, async (page) => {
      await browse(page, 'Browsing Then Deny');
      await page.evaluate(() => window.footfall.consent.deny());
      await browse(page, 'After Deny');
    }),
    await noTraceRow(lab, 'GPC, with granted and a later grant()', '/gpc.html', { consent: 'granted', head: GPC_ON }, async (page) => {
      await browse(page, 'Browsing With GPC');
      await page.evaluate(() => window.footfall.consent.grant());
      await browse(page, 'After Grant With GPC');
    }),
  ];
}

/** The built collector SIGKILLed mid-load and restarted on its file, as tests/collector/crash-durability.test.ts. */
async function crashRow(notes: string[]): Promise<DeliveryRow> {
  const crash = await runCollectorCrashScenario({ clients: 4, eventsPerClient: 2_000, batchSize: 50 });
  const missing = crash.acknowledgedMissing.length;
  notes.push(
    `Collector crash: ${crash.acknowledgedBeforeKill.toLocaleString('en-US')} events acknowledged before the SIGKILL, ${missing} of them missing; ` +
      `${crash.batchesInFlightAtKill} batches in flight at the kill, ${crash.failedAttempts} failed attempts retried, back in ${crash.restartMs} ms`,
  );
  return {
    scenario: 'collector SIGKILLed mid-load (4 senders × 2,000)',
    fired: crash.fired,
    stored: crash.stored,
    dropped: 0,
    duplicated: crash.storedTwice,
    resent: crash.resent,
    lost: crash.lost,
    target: DELIVERED,
    met: crash.lost === 0 && crash.storedTwice === 0 && missing === 0,
  };
}

/**
 * Prints the rows in the style of `printTable` (bench/lib/report.ts), whose
 * figure/value rows cannot hold six counts per scenario; counts right-aligned.
 */
function printDeliveryTable(title: string, rows: readonly DeliveryRow[]): void {
  const counts = ['fired', 'stored', 'dropped', 'duplicated', 'resent', 'lost'] as const;
  const header = ['scenario', ...counts, 'target', 'met'];
  const lines = rows.map((row) => [row.scenario, ...counts.map((key) => row[key].toLocaleString('en-US')), row.target, row.met ? 'yes' : 'NO']);
  const widths = header.map((cell, i) => Math.max(cell.length, ...lines.map((line) => line[i]!.length)));
  const numeric = (i: number) => i > 0 && i <= counts.length;
  const render = (cells: string[]) => `| ${cells.map((cell, i) => (numeric(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  console.log(`\n${title}`);
  console.log(render(header));
  console.log(render(widths.map((width) => '-'.repeat(width))));
  for (const line of lines) console.log(render(line));
}

export async function benchDelivery(): Promise<boolean> {
  const notes: string[] = [];
  const lab = await startDeliveryLab();
  const newContext = lab.browser.newContext.bind(lab.browser);
  lab.browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.addInitScript(KEEP_NAMES_SHIM);
    return context;
  };
  let rows: DeliveryRow[];
  try {
    rows = [...(await browserRows(lab, notes)), ...(await consentRows(lab))];
  } finally {
    await lab.close();
  }
  rows.push(await crashRow(notes));
  printDeliveryTable('Delivery: the built script tag in Chromium and the real collector on a libSQL file (counts in events)', rows);
  console.log('');
  for (const note of notes) console.log(note);
  const failed = rows.filter((row) => !row.met);
  console.log(failed.length === 0 ? `\nEvery row met its target: yes (${rows.length} scenarios)` : `\nEvery row met its target: NO (${failed.map((row) => row.scenario).join('; ')})`);
  return failed.length === 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchDelivery().then(
    (met) => process.exit(met ? 0 : 1),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
