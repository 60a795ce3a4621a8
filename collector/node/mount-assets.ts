import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { join } from 'node:path';
import { packageRoot } from './package-root';

export interface AssetOptions {
  /** Also serve the example storefront at `/shop/` and redirect `/` to it. */
  examples: boolean;
}

/**
 * Serves the script-tag bundle at `/footfall.js` (built by `npm run build`) and,
 * for the quick start, the example storefront. Node only: edge deployments serve
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
}
