import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A throwaway web site on its own origin, serving pages a test sets. */
export interface SiteServer {
  /** Base URL, e.g. `http://127.0.0.1:41235`. */
  url: string;
  /**
   * Serve `html` at `path` (e.g. `/page.html`) from now on. A `cacheable` page
   * may be loaded again from the browser's cache while it is offline.
   */
  setPage(path: string, html: string, options?: { cacheable?: boolean }): void;
  close(): Promise<void>;
}

/**
 * Start a site on 127.0.0.1 on a free port. A real server, not Playwright's
 * `route.fulfill`: Chromium's Local Network Access checks treat a fulfilled
 * page as public and then refuse its requests to a loopback collector.
 * @returns the running site
 * @example
 * const site = await startSiteServer();
 * site.setPage('/page.html', '<script defer src="…/footfall.js" …></script>');
 */
export async function startSiteServer(): Promise<SiteServer> {
  const pages = new Map<string, { html: string; cacheable: boolean }>();
  const server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://site').pathname);
    const caching = page?.cacheable ? { 'cache-control': 'max-age=600' } : {};
    res.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8', ...caching });
    res.end(page?.html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setPage: (path, html, options) => void pages.set(path, { html, cacheable: options?.cacheable === true }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
