import { DEV_READ_KEY, loadConfig } from './config/load-config';
import { leanHeap, parseHeapMode } from './node/lean-heap';
import { startCollector } from './node/start-collector';
import type { SignalSettings } from './signals/signal-runner';

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
  const heap = parseHeapMode(process.env['FOOTFALL_HEAP']);
  if (heap === 'lean') leanHeap();
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
    signals: config.signals,
  });
  console.log(`Footfall collector listening on ${collector.url} (database: ${describeDatabase(config.databaseUrl)})`);
  if (options.examples) {
    console.log(`Example storefront: ${collector.url}/shop/`);
    console.log(`Single-page storefront: ${collector.url}/spa/ (built by npm run example:spa)`);
  }
  console.log(describeSignals(config.signals));
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

/** The abandoned-cart signal's settings for the log: never the webhook's URL (it may hold a token) or secret. */
function describeSignals(signals: SignalSettings): string {
  if (signals.intervalMs === 0) return 'Abandoned-cart signal: off (FOOTFALL_SIGNAL_INTERVAL=off)';
  const webhook = signals.webhook ? 'signed webhook on' : 'no webhook (FOOTFALL_WEBHOOK_URL unset)';
  return `Abandoned-cart signal: carts idle ${duration(signals.cartIdleMs)}, scanned every ${duration(signals.intervalMs)}, ${webhook}`;
}

/** `3600000` → `1h`, `90000` → `90s`. */
function duration(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

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
