/**
 * Report an error of the SDK without throwing it into the host page. Logged,
 * not swallowed: a broken analytics call should be visible to the developer.
 * @param error what went wrong
 * @example
 * try { risky(); } catch (error) { report(error); }
 */
export function report(error: unknown): void {
  if (typeof console !== 'undefined') console.warn('[footfall]', error);
}

/**
 * Wrap a public method so that it never throws into the host page: analytics
 * must not break checkout. A thrown error is reported and `fallback` returned.
 * @param fn the method
 * @param fallback returned when `fn` throws
 * @returns the guarded method
 * @example
 * const track = safe((event: string) => record(event), undefined);
 */
export function safe<A extends unknown[], R>(fn: (...args: A) => R, fallback: R): (...args: A) => R {
  return (...args) => {
    try {
      return fn(...args);
    } catch (error) {
      report(error);
      return fallback;
    }
  };
}
