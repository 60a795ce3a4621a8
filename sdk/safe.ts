/**
 * Report an error of the SDK without throwing it into the host page. Logged,
 * not swallowed: a broken analytics call should be visible to the developer.
 * @param error what went wrong
 * @example
 * try { risky(); } catch (error) { report(error); }
 */
export function report(error: unknown): void {
  console.warn('[footfall]', error);
}

/**
 * Wrap a public method so that it never throws into the host page: analytics
 * must not break checkout. A thrown error is reported and `undefined` returned.
 * @param fn the method
 * @returns the guarded method
 * @example
 * const track = safe((event: string) => record(event));
 */
export function safe<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch (error) {
      report(error);
    }
  };
}
