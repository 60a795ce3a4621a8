import type { Context, Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root';

export interface AssetOptions {
  /**
   * Also serve the examples: the script-tag storefront at `/shop/` (where `/`
   * redirects) and the single-page storefront at `/spa/` once built.
   */
  examples: boolean;
}

/**
 * Serves the script-tag bundle at `/footfall.js` (built by `npm run build`) and,
 * for the quick start, the example storefronts. Node only: edge deployments serve
 * these from their own static hosting.
 */
export function mountAssets(app: Hono, options: AssetOptions): void {
  app.get(
    '/footfall.js',
    serveStatic({
      path: join(packageRoot, 'dist', 'footfall.js'),
      onFound: (_path, c) => {
        // Short cache so a deploy reaches visitors within minutes; sites that pin a
        // version can serve the file themselves with a long cache.
        c.header('Cache-Control', 'public, max-age=300');
        c.header('Access-Control-Allow-Origin', '*');
      },
    }),
  );
  if (!options.examples) return;
  app.get('/', (c) => c.redirect('/shop/'));
  app.get('/shop', (c) => c.redirect('/shop/'));
  app.get(
    '/shop/*',
    serveStatic({
      root: join(packageRoot, 'examples', 'storefront'),
      rewriteRequestPath: (path) => path.replace(/^\/shop/, ''),
    }),
  );
  mountSinglePageApp(app, '/spa', join(packageRoot, 'examples', 'spa-storefront', 'dist'));
}

/**
 * Serves a built single-page app from `folder` under `base`, as any static host
 * with an SPA fallback does: files as they are, and the app shell (`index.html`)
 * for every other path without a file extension, since those are the app's own
 * routes (`/spa/products/boot-1` after a reload). A missing asset stays a 404
 * rather than HTML that a browser would try to run as a script.
 */
function mountSinglePageApp(app: Hono, base: string, folder: string): void {
  const shell = join(folder, 'index.html');
  // The shell names the current bundle, so browsers must ask for it again after a build.
  const noCacheForHtml = (path: string, c: Context) => void (path.endsWith('.html') && c.header('Cache-Control', 'no-cache'));
  const serveShell = serveStatic({ path: shell, onFound: noCacheForHtml });
  app.get(base, (c) => c.redirect(`${base}/`));
  app.get(`${base}/*`, serveStatic({ root: folder, rewriteRequestPath: (path) => path.slice(base.length), onFound: noCacheForHtml }));
  app.get(`${base}/*`, async (c, next) => {
    if (/\.[^/]+$/.test(c.req.path)) return next();
    // Checked per request: `npm run example:spa` may build it while the collector runs.
    if (!existsSync(shell)) return c.text(`Not built yet: run "npm run example:spa" to build the storefront served at ${base}/.\n`, 404);
    return serveShell(c, next);
  });
}
