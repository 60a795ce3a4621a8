import type { Context, Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { join } from 'node:path';
import { packageRoot } from './package-root';

/**
 * What the dashboard's pages may do: load their own script and style, talk to this
 * collector, and nothing else. No inline script or style, so a hostile event name
 * that ever reached the page as markup could not run; no framing (clickjacking of
 * the sign-in); no referrer, though the key travels only in headers and fragments.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Revalidated on every load, so a new build reaches analysts at once.
  'Cache-Control': 'no-cache',
};

const withHeaders = (_path: string, c: Context): void => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
};

/**
 * Serves the analyst dashboard (built by `npm run build` into `dist/dashboard`) at
 * `/dashboard`. The page itself is public, like any sign-in page; everything it
 * shows comes from the query API with the read key the viewer enters. Node only:
 * edge deployments serve `dist/dashboard` from their static hosting.
 */
export function mountDashboard(app: Hono): void {
  const root = join(packageRoot, 'dist', 'dashboard');
  app.get('/dashboard', serveStatic({ path: join(root, 'index.html'), onFound: withHeaders }));
  app.get('/dashboard/', (c) => c.redirect('/dashboard'));
  app.get('/dashboard/*', serveStatic({ root, rewriteRequestPath: (path) => path.replace(/^\/dashboard/, ''), onFound: withHeaders }));
}
