import { parseRate, type Rate } from '../guard/token-bucket';
import type { IpPolicy } from '../privacy/truncate-ip';
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
    developmentDefaults,
  };
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
