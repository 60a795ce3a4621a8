const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses a duration as CONTRACT §3 writes them: `"30m"`, `"24h"`, `"7d"` (also `ms`,
 * `s`, `w`) or a non-negative number of milliseconds (as a number or digits).
 *
 * @returns milliseconds, or undefined when `value` is not a duration
 * @example
 * parseDuration('7d') // 604800000
 * parseDuration(1500) // 1500
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(value);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 'ms']!);
}

/**
 * Parses a point in time: an ISO-8601 string or epoch milliseconds.
 *
 * @returns epoch ms, or undefined when `value` is not a time
 * @example
 * parseTime('2026-11-01T00:00:00Z') // 1793491200000
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}
