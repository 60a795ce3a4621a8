import autocannon from 'autocannon';
import { freshBatch } from './event-batches';

export interface LoadResult {
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers that were not 2xx, plus connection errors: must be 0 for the figures to count. */
  failures: number;
}

export interface LoadOptions {
  urls: string[];
  batchSize: number;
  connections: number;
  seconds: number;
  /** Requests per second in all (split over `urls`); unlimited when absent. */
  requestsPerSecond?: number;
}

/** Posts batches of fresh events to `/v1/batch` on every URL at once with autocannon. */
export async function postBatches(options: LoadOptions): Promise<LoadResult> {
  const results = await Promise.all(
    options.urls.map((url) =>
      autocannon({
        url,
        connections: Math.max(1, Math.round(options.connections / options.urls.length)),
        duration: options.seconds,
        ...(options.requestsPerSecond ? { overallRate: Math.round(options.requestsPerSecond / options.urls.length) } : {}),
        requests: [
          {
            method: 'POST',
            path: '/v1/batch',
            headers: { 'content-type': 'text/plain' },
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({ writeKey: 'dev_write_key', sentAt: new Date().toISOString(), batch: freshBatch(options.batchSize) }),
            }),
          },
        ],
      }),
    ),
  );
  const ok = results.reduce((sum, result) => sum + result['2xx'], 0);
  const seconds = Math.max(...results.map((result) => result.duration));
  return {
    eventsPerSecond: (ok * options.batchSize) / seconds,
    // Percentiles of the busiest instance: the conservative figure.
    p50Ms: Math.max(...results.map((result) => result.latency.p50)),
    p99Ms: Math.max(...results.map((result) => result.latency.p99)),
    failures: results.reduce((sum, result) => sum + result.non2xx + result.errors + result.timeouts, 0),
  };
}
