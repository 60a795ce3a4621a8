import type { ConsentState, FootfallOptions } from './types.js';

/** Options after validation, with every default filled in. */
export interface ResolvedOptions {
  writeKey: string;
  endpoint: string;
  consent: ConsentState;
  gpc: 'respect' | 'ignore';
  flushInterval: number;
  flushAt: number;
  debug: boolean;
}

/** Defaults of every optional option (see {@link FootfallOptions}). */
export const DEFAULTS = {
  endpoint: '',
  consent: 'pending',
  gpc: 'respect',
  flushInterval: 5000,
  flushAt: 20,
  debug: false,
} satisfies Omit<ResolvedOptions, 'writeKey'>;

const CONSENT_STATES: readonly ConsentState[] = ['pending', 'granted', 'denied'];

/**
 * Validate options and merge in the defaults. Throws a `TypeError` that says
 * what to change, because a bad option is a mistake in the site's code, caught
 * once at set-up rather than hidden behind silently lost events.
 * @param input options as the site wrote them
 * @returns complete options
 * @example
 * resolveOptions({ writeKey: 'dev_write_key' }).flushAt // 20
 */
export function resolveOptions(input: FootfallOptions): ResolvedOptions {
  if (input === null || typeof input !== 'object') {
    fail(`options must be an object, e.g. createClient({ writeKey: 'dev_write_key' })`);
  }
  const { writeKey } = input;
  if (typeof writeKey !== 'string' || writeKey.trim() === '') {
    fail(`writeKey is required: pass the write key of your collector, e.g. createClient({ writeKey: 'dev_write_key' })`);
  }
  return {
    writeKey,
    endpoint: checkEndpoint(input.endpoint ?? DEFAULTS.endpoint),
    consent: checkOneOf('consent', input.consent ?? DEFAULTS.consent, CONSENT_STATES),
    gpc: checkOneOf('gpc', input.gpc ?? DEFAULTS.gpc, ['respect', 'ignore'] as const),
    flushInterval: checkMilliseconds('flushInterval', input.flushInterval ?? DEFAULTS.flushInterval, 1),
    flushAt: checkInteger('flushAt', input.flushAt ?? DEFAULTS.flushAt),
    debug: input.debug === true,
  };
}

function fail(message: string): never {
  throw new TypeError(`footfall: ${message}`);
}

/** '' (same origin), an absolute http(s) URL or a path; trailing slashes dropped. */
function checkEndpoint(endpoint: unknown): string {
  if (typeof endpoint !== 'string' || !/^(https?:\/\/[^/]+|\/|$)/.test(endpoint)) {
    fail(`endpoint must be the collector's base URL such as 'https://collector.example.com' (got ${show(endpoint)})`);
  }
  return endpoint.replace(/\/+$/, '');
}

function checkOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    fail(`${name} must be ${allowed.map((a) => `'${a}'`).join(', ')} (got ${show(value)})`);
  }
  return value as T;
}

function checkMilliseconds(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    fail(`${name} must be a number of milliseconds, at least ${min} (got ${show(value)})`);
  }
  return value;
}

function checkInteger(name: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 1) {
    fail(`${name} must be a whole number of at least 1 (got ${show(value)})`);
  }
  return value as number;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
