/** The dashboard's pages, in the order the navigation shows them. */
export const VIEWS = ['overview', 'funnel', 'journey', 'attribution', 'carts', 'live'] as const;
export type ViewName = (typeof VIEWS)[number];

/** Where the dashboard is: `#funnel?from=2026-11-01&to=2026-11-30`, so every view can be linked to and reloaded. */
export interface Route {
  view: ViewName;
  params: URLSearchParams;
}

/** Reads the location's hash; anything unknown is the overview. */
export function currentRoute(hash = location.hash): Route {
  const [name = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const view = (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : 'overview';
  return { view, params: new URLSearchParams(query) };
}

/** The hash of a route, e.g. `#journey?id=user-42`. */
export function hrefOf(view: ViewName, params: Record<string, string> | URLSearchParams = {}): string {
  const query = new URLSearchParams(params).toString();
  return `#${view}${query ? `?${query}` : ''}`;
}

/** Changes one view's parameters in place (no history entry: typing in a form is not navigation). */
export function replaceParams(route: Route, changes: Record<string, string | undefined>): void {
  history.replaceState(null, '', withParams(route, changes));
}

/**
 * A link to the same view (or `view`) with some parameters changed, the range and
 * the rest kept; an empty or undefined value removes its parameter.
 */
export function withParams(route: Route, changes: Record<string, string | undefined>, view: ViewName = route.view): string {
  const params = new URLSearchParams(route.params);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === '') params.delete(name);
    else params.set(name, value);
  }
  return hrefOf(view, params);
}
