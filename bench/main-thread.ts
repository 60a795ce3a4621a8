// `npm run bench:main-thread`: what `footfall.track()` costs the page's main
// thread, in Chromium with the CPU throttled 4× (a mid-range phone): the built
// script tag, consent granted, events really sent to a local collector.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchBrowser } from '../tests/helpers/browser';
import { startCollector } from '../tests/helpers/collector-server';
import { printTable } from './lib/report';

/** 20 calls (one batch at the default flushAt), then 25 ms for the page: a busy shopper, not a flood that outruns sending. */
const CHUNKS = 250;
const PER_CHUNK = 20;
const PAUSE_MS = 25;

interface InPageResult {
  isolated: boolean;
  idleMedian: number;
  idleP99: number;
  median: number;
  p99: number;
  max: number;
  longTasks: number[];
}

/**
 * Runs in the page (as text: the test runner's transpiler would otherwise add
 * helpers the page does not have). Per call, for the tail; then chunks of
 * calls timed as a whole, for a median finer than the timer. Between chunks
 * the page gets the thread back, as it would between a shopper's clicks.
 */
const IN_PAGE = `async function (chunks, perChunk, pauseMs, control) {
  const footfall = window.footfall;
  const longTasks = [];
  new PerformanceObserver(function (list) { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask' });
  function properties(i) { return { product_id: 'sneaker-1', sku: 'FFS-SNK-001', name: 'Trail Runner', price: 89, currency: 'EUR', i: i }; }
  function yieldToPage() { return new Promise(function (resolve) { setTimeout(resolve, pauseMs); }); }
  for (let i = 0; i < 200; i++) footfall.track('Warm Up', properties(i));
  await footfall.flush();
  longTasks.length = 0;
  const calls = [];
  const chunkMeans = [];
  for (let c = 0; c < chunks; c++) {
    for (let i = 0; i < perChunk; i++) {
      const start = performance.now();
      if (control) JSON.parse(JSON.stringify(properties(i)));
      else footfall.track('Product Viewed', properties(i));
      calls.push(performance.now() - start);
    }
    await yieldToPage();
    const start = performance.now();
    for (let i = 0; i < perChunk; i++) footfall.track('Product Viewed', properties(i));
    chunkMeans.push((performance.now() - start) / perChunk);
    await yieldToPage();
  }
  // A shopper's pace: one call, then the page idles (and sends) before the next.
  const isolated = [];
  for (let c = 0; c < 200; c++) {
    const start = performance.now();
    if (control) JSON.parse(JSON.stringify(properties(c)));
    else footfall.track('Product Viewed', properties(c));
    isolated.push(performance.now() - start);
    await new Promise(function (resolve) { setTimeout(resolve, 30); });
  }
  await footfall.flush();
  await new Promise(function (resolve) { setTimeout(resolve, 500); });
  function quantile(values, q) { const sorted = values.slice().sort(function (a, b) { return a - b; }); return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]; }
  return { isolated: crossOriginIsolated, median: quantile(chunkMeans, 0.5), p99: quantile(calls, 0.99), max: Math.max.apply(null, calls), idleMedian: quantile(isolated, 0.5), idleP99: quantile(isolated, 0.99), longTasks: longTasks };
}`;

/**
 * The page, served cross-origin isolated (COOP + COEP) so that
 * `performance.now()` resolves to 5 µs rather than 100 µs.
 */
async function startIsolatedPage(collectorUrl: string) {
  const bundle = readFileSync('dist/footfall.js');
  const html = `<!doctype html><title>Bench</title>
    <script defer src="/footfall.js" data-write-key="dev_write_key" data-consent="granted" data-endpoint="${collectorUrl}"></script>
    <h1>Bench</h1>`;
  const server = createServer((req, res) => {
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    if (req.url === '/footfall.js') res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(bundle);
    else res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

export async function benchMainThread(): Promise<boolean> {
  const collector = await startCollector({ examples: false, env: { FOOTFALL_RATE_LIMIT_PER_CLIENT: 'off', FOOTFALL_RATE_LIMIT_PER_KEY: 'off' } });
  const site = await startIsolatedPage(collector.url);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(site.url);
    await page.waitForFunction(() => typeof (window as { footfall?: { track?: unknown } }).footfall?.track === 'function');
    const result = (await page.evaluate(`(${IN_PAGE})(${CHUNKS}, ${PER_CHUNK}, ${PAUSE_MS}, false)`)) as InPageResult;
    const stored = await collector.db.execute("select count(*) as n from events where event = 'Product Viewed'");
    // The same timing with a trivial JSON round-trip in place of each timed track(): under the
    // emulated throttle, the first call after the page idles pays for waking up whatever it runs.
    const control = (await page.evaluate(`(${IN_PAGE})(${CHUNKS}, ${PER_CHUNK}, ${PAUSE_MS}, true)`)) as InPageResult;
    return printTable(`Main thread: footfall.track() in Chromium, CPU throttled 4×, ${CHUNKS * PER_CHUNK * 2 + 200} calls (timer ${result.isolated ? '5 µs' : '100 µs'})`, [
      { figure: `track() median (per call, chunks of ${PER_CHUNK})`, value: result.median, unit: 'ms', target: { op: '<=', value: 0.05 } },
      { figure: 'track() p99 (single calls)', value: result.p99, unit: 'ms', target: { op: '<=', value: 0.5 } },
      { figure: 'track() slowest single call', value: result.max, unit: 'ms' },
      { figure: 'floor: p99 of a JSON round-trip timed in its place', value: control.p99, unit: 'ms' },
      { figure: 'track() median, one call per 30 ms idle', value: result.idleMedian, unit: 'ms', target: { op: '<=', value: 0.05 } },
      { figure: 'track() p99, one call per 30 ms idle', value: result.idleP99, unit: 'ms', target: { op: '<=', value: 0.5 } },
      { figure: 'floor: median of a JSON round-trip, one per 30 ms idle', value: control.idleMedian, unit: 'ms' },
      { figure: 'long tasks (> 50 ms) during the run', value: result.longTasks.length, unit: '', target: { op: '<=', value: 0 } },
      { figure: 'of them stored by the collector', value: Number(stored.rows[0]!['n']), unit: '', target: { op: '>=', value: CHUNKS * PER_CHUNK * 2 + 200 } },
    ]);
  } finally {
    await browser.close();
    await site.close();
    await collector.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchMainThread().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
