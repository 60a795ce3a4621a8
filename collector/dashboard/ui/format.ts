const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium' });

/** 12,345 */
export const formatCount = (value: number): string => integer.format(value);
/** 1,234.5 (fractional credit of multi-touch attribution, money without a currency) */
export const formatNumber = (value: number): string => decimal.format(value);
/** 0.4567 → 45.7% */
export const formatRatio = (value: number): string => percent.format(value);
/** 23 Nov 2026, 14:05:09 in the viewer's time zone */
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));
/** 14:05:09 */
export const formatTime = (iso: string): string => time.format(new Date(iso));

/** A duration for people: 950 ms, 42 s, 5 min, 3.5 h, 2.1 d. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${decimal.format(ms / 1000)} s`;
  if (ms < 3_600_000) return `${decimal.format(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${decimal.format(ms / 3_600_000)} h`;
  return `${decimal.format(ms / 86_400_000)} d`;
}
