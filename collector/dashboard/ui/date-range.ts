import type { Route } from './route';

/** The report range as the viewer picked it: whole local days, `to` included. */
export interface DateRange {
  /** `YYYY-MM-DD` */
  from: string;
  /** `YYYY-MM-DD`, the last day shown. */
  to: string;
}

const DAY = 86_400_000;

/** `YYYY-MM-DD` of a time, in the viewer's time zone. */
export function localDay(time: number): string {
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The route's `from`/`to`, else the last 30 days including today. */
export function rangeOf(route: Route, now = Date.now()): DateRange {
  const valid = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
  return {
    from: valid(route.params.get('from')) ?? localDay(now - 29 * DAY),
    to: valid(route.params.get('to')) ?? localDay(now),
  };
}

/**
 * The `[from, to)` instants the query API takes: local midnight of the first day,
 * and local midnight after the last (so the last day counts whole).
 */
export function rangeQuery(range: DateRange): { from: string; to: string } {
  const start = new Date(`${range.from}T00:00:00`);
  const end = new Date(`${range.to}T00:00:00`);
  end.setDate(end.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** Minutes east of UTC, as the overview counts days (`utcOffset`). */
export function utcOffset(range: DateRange): number {
  return -new Date(`${range.from}T12:00:00`).getTimezoneOffset();
}
