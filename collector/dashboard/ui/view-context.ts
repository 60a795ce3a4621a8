import type { QueryApi } from './api';
import type { DateRange } from './date-range';
import type { Route } from './route';

/** What a view is given to draw itself. */
export interface ViewContext {
  api: QueryApi;
  /** The read key, for the live streams. */
  key: string;
  route: Route;
  range: DateRange;
  /** The view's own element; it may replace everything inside. */
  root: HTMLElement;
  /** Aborted when the viewer leaves the view or changes the range. */
  signal: AbortSignal;
  /** The key was refused: ask for another. */
  onUnauthorized(): void;
}

/** A page of the dashboard. */
export type View = (context: ViewContext) => Promise<void>;
