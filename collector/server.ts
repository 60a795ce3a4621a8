import { DEV_READ_KEY, loadConfig } from './config/load-config';
import { startCollector } from './node/start-collector';

export interface ServeOptions {
  /** Serve the example storefront at `/shop/` (the quick start does). */
  examples?: boolean;
  /** @default process.env.HOST or '127.0.0.1' */
  hostname?: string;
}

/**
 * Starts the collector on Node from the environment (CONTRACT §1) and stops it
 * gracefully on SIGTERM / SIGINT.
 *
 * @example
 * await serveFromEnvironment({ examples: true });
 */
export async function serveFromEnvironment(options: ServeOptions = {}): Promise<void> {
  const config = loadConfig(process.env);
  const collector = await startCollector({
    port: config.port,
    hostname: options.hostname ?? process.env['HOST'] ?? '127.0.0.1',
    databaseUrl: config.databaseUrl,
    databaseAuthToken: config.databaseAuthToken,
    keys: config.keys,
    ipPolicy: config.ipPolicy,
    trustedProxyHops: config.trustedProxyHops,
    rateLimits: config.rateLimits,
    examples: options.examples ?? false,
  });
  console.log(`Footfall collector listening on ${collector.url} (database: ${describeDatabase(config.databaseUrl)})`);
  if (options.examples) console.log(`Example storefront: ${collector.url}/shop/`);
  // The development read key is public (README), so the link may carry it; a
  // configured key is never printed.
  const devKey = config.developmentDefaults.includes('FOOTFALL_READ_KEYS') ? `#key=${DEV_READ_KEY}` : '';
  console.log(`Dashboard: ${collector.url}/dashboard${devKey}`);
  for (const name of config.developmentDefaults) {
    console.warn(`${name} is not set: using the development default (${DEV_DEFAULT_HINTS[name] ?? 'see README'}). Set it in production.`);
  }
  const stop = (): void => {
    collector.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

// Development keys are public knowledge (they are in the README), so naming them is
// not a leak; configured keys are never printed.
const DEV_DEFAULT_HINTS: Record<string, string> = {
  FOOTFALL_WRITE_KEYS: 'write key "dev_write_key", any origin',
  FOOTFALL_READ_KEYS: 'read key "dev_read_key"',
  FOOTFALL_ADMIN_KEYS: 'admin key "dev_admin_key"',
};

/** The database URL without credentials or query string, for the log. */
function describeDatabase(url: string): string {
  try {
    if (url.startsWith('file:') || url === ':memory:') return url.split('?')[0]!;
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(unparseable URL)';
  }
}
