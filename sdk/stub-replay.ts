import { report } from './safe.js';

/** One call recorded by the stub before the bundle loaded: `[method, ...args]`. */
export type StubCall = readonly [method: string, ...args: unknown[]];

/**
 * Whether `value` is a stub queue of calls (an array, possibly carrying the
 * snippet's own helper methods) rather than a loaded client.
 * @param value the current `window.footfall`
 * @returns true for an array of recorded calls
 * @example
 * isStubQueue(window.footfall) // true before the bundle ran
 */
export function isStubQueue(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/**
 * Replay calls recorded by the stub, in order, against the real API. Method
 * names may be dotted (`'consent.grant'`). A malformed call is reported and
 * skipped, so one typo in the site's code does not lose the calls after it.
 * @param calls the stub queue
 * @param api the loaded client
 * @example
 * replayStub([['track', 'Signed Up'], ['consent.grant']], client);
 */
export function replayStub(calls: readonly unknown[], api: object): void {
  for (const call of calls) {
    const [method, ...args] = Array.isArray(call) ? (call as unknown as StubCall) : [];
    const fn = typeof method === 'string' ? resolve(api, method) : undefined;
    if (typeof fn !== 'function') {
      report(`cannot replay ${JSON.stringify(call)}: expected [method, ...args]`);
      continue;
    }
    try {
      // Ignore the returned promise of flush(): replay must not wait on the network.
      fn(...args);
    } catch (error) {
      report(error);
    }
  }
}

function resolve(api: object, path: string): unknown {
  let target: unknown = api;
  for (const key of path.split('.')) {
    if (target === null || typeof target !== 'object' || !Object.prototype.hasOwnProperty.call(target, key)) return undefined;
    target = (target as Record<string, unknown>)[key];
  }
  return target;
}
