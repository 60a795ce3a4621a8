/** What a route shows: its title, its content, and the e-commerce events of having seen it. */
export interface View {
  title: string;
  render(main: HTMLElement): void;
  /**
   * What seeing the view tells analytics (Product Viewed, Cart Viewed…). Sent
   * once per visit to the URL, after footfall/spa's page view for it.
   */
  track?(): void;
}

/** Picks the view for a path below the app's base (`''`, `products/boot-1`, `cart`) and the URL's query. */
export type Routes = (path: string, query: URLSearchParams) => View;

export interface Router {
  /** Shows the view of the URL the app was loaded at. */
  start(): void;
  /** Goes to `href` (relative to the app's base, e.g. `orders/ord-1`) without reloading. */
  navigate(href: string): void;
}

/**
 * A small history-API router: it takes over clicks on links inside the app's
 * base (`<base href="/spa/">`), renders the route's view into `main` and follows
 * back/forward. The page views themselves are footfall/spa's job.
 *
 * @example
 * const router = createRouter(document.querySelector('main')!, routes);
 * router.start();
 */
export function createRouter(main: HTMLElement, routes: Routes): Router {
  const base = new URL(document.baseURI);
  const withoutHash = (url: string) => url.replace(/#.*/, '');
  let shown = '';

  const show = (): void => {
    const url = new URL(location.href);
    const view = routes(routePath(url, base), url.searchParams);
    const seenAnew = withoutHash(url.href) !== shown;
    shown = withoutHash(url.href);
    document.title = `${view.title} · Footfall Shoes`;
    view.render(main);
    // footfall/spa records the page view a task after the URL changed (once the
    // title is set), and timers of equal delay run in the order they were set:
    // so the journey reads page view first, then what was seen on the page.
    if (seenAnew && view.track) setTimeout(view.track);
  };

  const navigate = (href: string): void => {
    const url = new URL(href, base);
    // A link to the page already shown replaces its history entry rather than
    // stacking the same page twice (footfall/spa records no page view for it).
    if (withoutHash(url.href) === shown) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    show();
    if (!url.hash) scrollTo(0, 0);
  };

  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (!link || !isAppLink(link, event, base) || isSamePageAnchor(link)) return;
    event.preventDefault();
    navigate(link.href);
  });
  // Back and forward; a fragment change alone (back from #reviews) shows nothing new.
  addEventListener('popstate', () => withoutHash(location.href) !== shown && show());
  return { start: show, navigate };
}

/** The path below the app's base, without a trailing slash (`products/boot-1`). */
function routePath(url: URL, base: URL): string {
  const path = url.pathname.slice(base.pathname.length).replace(/\/$/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // a malformed %-escape: no route matches it, so it shows "not found"
  }
}

/** A plain left click on a link to a page of this app (not a new tab, a download or another site). */
function isAppLink(link: HTMLAnchorElement, event: MouseEvent, base: URL): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if ((link.target && link.target !== '_self') || link.hasAttribute('download')) return false;
  return link.origin === base.origin && link.pathname.startsWith(base.pathname);
}

/** `products/boot-1#reviews` on that product's page: the browser scrolls, no route changes. */
function isSamePageAnchor(link: HTMLAnchorElement): boolean {
  return link.hash !== '' && link.pathname === location.pathname && link.search === location.search;
}
