/** What page tracking needs of a client: its `page` method. */
export interface PageRecorder {
  page(): void;
}

/** The Navigation API's event target, where the browser has one (Chromium 102+). */
interface NavigationLike {
  addEventListener(type: 'currententrychange', listener: () => void): void;
  removeEventListener(type: 'currententrychange', listener: () => void): void;
}

/**
 * Record a page view whenever a single-page app changes the URL: the
 * Navigation API's `currententrychange` where the browser has it, else
 * `history.pushState`/`replaceState` (wrapped) and `popstate`. The URL is
 * compared without its `#fragment`, and never twice in a row, so a
 * `replaceState` that only changes state, a hash link or a router that pushes
 * the same URL again records nothing. The page the SPA loaded on is taken as
 * already recorded (the script tag records it; an npm app calls `page()`).
 * @param client the Footfall client (or `window.footfall`)
 * @returns a function that stops tracking and unwraps `history`
 * @example
 * import { trackPageViews } from 'footfall/spa';
 * const stop = trackPageViews(footfall);
 */
export function trackPageViews(client: PageRecorder): () => void {
  const current = () => location.href.replace(/#.*/, '');
  let last = current();
  // A task later: routers usually set the title after changing the URL.
  const changed = () =>
    setTimeout(() => {
      if (current() !== last) {
        last = current();
        client.page();
      }
    });
  const navigation = (window as { navigation?: NavigationLike }).navigation;
  if (navigation) {
    navigation.addEventListener('currententrychange', changed);
    return () => navigation.removeEventListener('currententrychange', changed);
  }
  const { pushState, replaceState } = history;
  history.pushState = function (...args) {
    pushState.apply(this, args);
    changed();
  };
  history.replaceState = function (...args) {
    replaceState.apply(this, args);
    changed();
  };
  addEventListener('popstate', changed);
  return () => {
    Object.assign(history, { pushState, replaceState });
    removeEventListener('popstate', changed);
  };
}
