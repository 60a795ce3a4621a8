/** Browser origins a write key may be used from: any, or an exact list. */
export type AllowedOrigins = '*' | ReadonlySet<string>;

/** The keys a collector accepts, by the kind of access each grants. */
export interface KeyRing {
  /** Write key → origins allowed to send with it. */
  writeKeys: ReadonlyMap<string, AllowedOrigins>;
  readKeys: ReadonlySet<string>;
  adminKeys: ReadonlySet<string>;
}

/**
 * Parses `FOOTFALL_WRITE_KEYS`: comma-separated `key` or `key=origin1|origin2`.
 *
 * @example
 * parseWriteKeys('wk_live=https://shop.example|https://www.shop.example,wk_server')
 */
export function parseWriteKeys(value: string): Map<string, AllowedOrigins> {
  const keys = new Map<string, AllowedOrigins>();
  for (const entry of splitList(value)) {
    const separator = entry.indexOf('=');
    if (separator === -1) {
      keys.set(entry, '*');
      continue;
    }
    const key = entry.slice(0, separator).trim();
    const origins = entry
      .slice(separator + 1)
      .split('|')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter(Boolean);
    if (!key) throw new Error(`FOOTFALL_WRITE_KEYS: an entry has no key before "=": "${entry}"`);
    keys.set(key, origins.length === 0 || origins.includes('*') ? '*' : new Set(origins));
  }
  return keys;
}

/** Parses a plain comma-separated key list (`FOOTFALL_READ_KEYS`, `FOOTFALL_ADMIN_KEYS`). */
export function parseKeyList(value: string): Set<string> {
  return new Set(splitList(value));
}

/** Whether a browser origin may send with a key allowing `allowed`. */
export function isOriginAllowed(allowed: AllowedOrigins, origin: string): boolean {
  return allowed === '*' || allowed.has(origin);
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}
