import { parseRate, type Rate } from '../guard/token-bucket';
import type { IpPolicy } from '../privacy/truncate-ip';
import { parseDuration } from '../queries/duration';
import type { SignalSettings } from '../signals/signal-runner';
import { webhookKey } from '../signals/webhook-signature';
import { parseKeyList, parseWriteKeys, type KeyRing } from './keys';

/** Everything the collector reads from its environment. */
export interface CollectorConfig {
  port: number;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  keys: KeyRing;
  /** `FOOTFALL_IP`: how client addresses are stored. @default 'truncate' */
  ipPolicy: IpPolicy;
  /**
   * Ingestion rate limits, per write key (`FOOTFALL_RATE_LIMIT_PER_KEY`, default
   * 1000 requests/s, burst 5000) and per client address
   * (`FOOTFALL_RATE_LIMIT_PER_CLIENT`, default 50/s, burst 200); undefined = off.
   */
  rateLimits: RateLimits;
  /** `FOOTFALL_TRUSTED_PROXY_HOPS`: reverse proxies whose X-Forwarded-For is believed. @default 0 */
  trustedProxyHops: number;
  /**
   * The real-time abandoned-cart signal: `FOOTFALL_CART_IDLE` (default `1h`),
   * `FOOTFALL_SIGNAL_INTERVAL` (default `30s`, `off` to turn it off),
   * `FOOTFALL_WEBHOOK_URL` and `FOOTFALL_WEBHOOK_SECRET` (required with the URL; never logged).
   */
  signals: SignalSettings;
  /**
   * Which development defaults stand in for unset variables, named by variable, so
   * the start-up log can warn about them without ever printing a key.
   */
  developmentDefaults: string[];
}

export interface RateLimits {
  perKey?: Rate | undefined;
  perClient?: Rate | undefined;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_DATABASE_URL = 'file:./data/footfall.db';
export const DEV_WRITE_KEY = 'dev_write_key';
export const DEV_READ_KEY = 'dev_read_key';
export const DEV_ADMIN_KEY = 'dev_admin_key';

type Environment = Record<string, string | undefined>;

/**
 * Reads the collector's configuration (CONTRACT §1).
 *
 * @param env - usually `process.env`; edge runtimes pass their bindings.
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Environment): CollectorConfig {
  const developmentDefaults: string[] = [];
  const pick = (name: string, fallback: string): string => {
    const value = env[name]?.trim();
    if (value) return value;
    developmentDefaults.push(name);
    return fallback;
  };
  const keys: KeyRing = {
    writeKeys: parseWriteKeys(pick('FOOTFALL_WRITE_KEYS', DEV_WRITE_KEY)),
    readKeys: parseKeyList(pick('FOOTFALL_READ_KEYS', DEV_READ_KEY)),
    adminKeys: parseKeyList(pick('FOOTFALL_ADMIN_KEYS', DEV_ADMIN_KEY)),
  };
  return {
    port: env['PORT']?.trim() ? parseWholeNumber('PORT', env['PORT'], 0, 65535) : DEFAULT_PORT,
    databaseUrl: env['FOOTFALL_DB_URL']?.trim() || DEFAULT_DATABASE_URL,
    databaseAuthToken: env['FOOTFALL_DB_AUTH_TOKEN']?.trim() || undefined,
    keys,
    ipPolicy: parseIpPolicy(env['FOOTFALL_IP']),
    rateLimits: {
      perKey: parseRate('FOOTFALL_RATE_LIMIT_PER_KEY', env['FOOTFALL_RATE_LIMIT_PER_KEY'] || '1000:5000'),
      perClient: parseRate('FOOTFALL_RATE_LIMIT_PER_CLIENT', env['FOOTFALL_RATE_LIMIT_PER_CLIENT'] || '50:200'),
    },
    trustedProxyHops: parseWholeNumber('FOOTFALL_TRUSTED_PROXY_HOPS', env['FOOTFALL_TRUSTED_PROXY_HOPS'], 0, 10),
    signals: parseSignals(env),
    developmentDefaults,
  };
}

function parseSignals(env: Environment): SignalSettings {
  const interval = env['FOOTFALL_SIGNAL_INTERVAL']?.trim().toLowerCase();
  const url = env['FOOTFALL_WEBHOOK_URL']?.trim();
  const secret = env['FOOTFALL_WEBHOOK_SECRET']?.trim();
  if (url && !/^https?:\/\/[^/]/i.test(url)) throw new Error('FOOTFALL_WEBHOOK_URL must be an http:// or https:// URL');
  if (url && !secret) throw new Error('FOOTFALL_WEBHOOK_SECRET must be set with FOOTFALL_WEBHOOK_URL: receivers verify the signature with it');
  if (secret && !url) throw new Error('FOOTFALL_WEBHOOK_SECRET is set but FOOTFALL_WEBHOOK_URL is not');
  // Refuses a short or malformed secret at start-up rather than at the first delivery.
  if (secret) webhookKey(secret);
  return {
    cartIdleMs: parsePositiveDuration('FOOTFALL_CART_IDLE', env['FOOTFALL_CART_IDLE'], '1h'),
    intervalMs: interval === 'off' || interval === '0' ? 0 : parsePositiveDuration('FOOTFALL_SIGNAL_INTERVAL', interval, '30s'),
    webhook: url && secret ? { url, secret } : undefined,
  };
}

function parsePositiveDuration(name: string, value: string | undefined, fallback: string): number {
  const ms = parseDuration(value?.trim() || fallback);
  if (ms === undefined || ms <= 0) throw new Error(`${name} must be a duration like "30s", "15m" or "1h", got "${value}"`);
  return ms;
}

function parseIpPolicy(value: string | undefined): IpPolicy {
  const policy = value?.trim().toLowerCase() || 'truncate';
  if (policy === 'truncate' || policy === 'full' || policy === 'drop') return policy;
  throw new Error(`FOOTFALL_IP must be "truncate", "full" or "drop", got "${value}"`);
}

function parseWholeNumber(name: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return min;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return number;
}
