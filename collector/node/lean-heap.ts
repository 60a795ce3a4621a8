import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** How the collector's V8 heap is sized: `lean` (default) or `v8`, V8's own sizing. */
export type HeapMode = 'lean' | 'v8';

/**
 * Old-space growth after a full collection, in percent of what survived it.
 * Measured under the ingest bench at 48 connections, before the validation fast
 * path: 10% → ~134 MB, 15.3k ev/s; 40% → ~140 MB, 15.9k ev/s; 100% → ~152 MB,
 * 16.8k ev/s. V8's own choice here is about 200%.
 */
const OLD_SPACE_GROWTH_PERCENT = 40;
/** Both semi-spaces of the young generation together, at most. */
const YOUNG_GENERATION_BYTES = 16 * 1024 * 1024;
/** Under the test's heavy churn, 50 ms let the young generation double twice between checks; 10 ms did not. A check costs ~10 µs. */
const CHECK_EVERY_MS = 10;

/**
 * Keeps the collector's memory near what it actually holds, on a running process.
 *
 * Why: under the ingest bench, V8's defaults let the collector reach ~200 MB RSS
 * while holding ~25 MB of live objects: the young generation grows to 32 MB, and
 * the old space to about three times its survivors before a full collection.
 * Heap-size flags (`--max-semi-space-size`, `--max-old-space-size`) only work on
 * the command line, which a deployment may not control, and a hard old-space cap
 * would turn a large export into an out-of-memory crash. Instead:
 * - the old space may grow by 40% of its survivors before the next full
 *   collection (V8 reads `--heap-growing-percent` at every collection);
 * - the young generation may double only up to 16 MB: V8 reads
 *   `--semi-space-growth-factor` each time it grows, so growth is switched off
 *   at the cap and on again if V8 shrinks the space below it.
 * Measured under the ingest bench: peak RSS ~140–200 MB → ~120–125 MB, at
 * ~17.2–17.5k instead of ~17.7–18.2k events/s.
 *
 * @returns a function that stops the young-generation check (the flags stay)
 * @example
 * const stop = leanHeap();
 */
export function leanHeap(): () => void {
  setFlagsFromString(`--heap-growing-percent=${OLD_SPACE_GROWTH_PERCENT}`);
  let growing = true;
  const check = setInterval(() => {
    const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    if (!young) return;
    const allow = young.space_size < YOUNG_GENERATION_BYTES;
    if (allow === growing) return;
    growing = allow;
    // 2 is V8's default growth factor; 1 keeps the space at its current size.
    setFlagsFromString(`--semi-space-growth-factor=${allow ? 2 : 1}`);
  }, CHECK_EVERY_MS);
  // The check must never keep a process alive on its own.
  check.unref();
  return () => clearInterval(check);
}

/**
 * Reads `FOOTFALL_HEAP`.
 *
 * @default 'lean'
 */
export function parseHeapMode(value: string | undefined): HeapMode {
  const mode = value?.trim().toLowerCase() || 'lean';
  if (mode === 'lean' || mode === 'v8') return mode;
  throw new Error(`FOOTFALL_HEAP must be "lean" or "v8", got "${value}"`);
}
