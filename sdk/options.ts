import type { BeforeSend, ConsentState, FootfallOptions } from './types.js';

/** Options after validation, with every default filled in. */
export interface ResolvedOptions {
  writeKey: string;
  endpoint: string;
  consent: ConsentState;
  gpc: 'respect' | 'ignore';
  flushInterval: number;
  flushAt: number;
  debug: boolean;
  beforeSend?: BeforeSend | undefined;
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

/**
 * Validate options and merge in the defaults. Throws a `TypeError` that says
 * what to change, because a bad option is a mistake in the site's code, caught
 * once at set-up rather than hidden behind silently lost events. (Written
 * tersely on purpose: every byte here ships in every bundle.)
 * @param input options as the site wrote them
 * @returns complete options
 * @throws TypeError naming the option, what it must be and what it was
 * @example
 * resolveOptions({ writeKey: 'dev_write_key' }).flushAt // 20
 */
export function resolveOptions(input: FootfallOptions): ResolvedOptions {
  const {
    writeKey,
    endpoint = DEFAULTS.endpoint,
    consent = DEFAULTS.consent,
    gpc = DEFAULTS.gpc,
    flushInterval = DEFAULTS.flushInterval,
    flushAt = DEFAULTS.flushAt,
    debug,
    beforeSend,
  } = input ?? ({} as Partial<FootfallOptions>);
  check('writeKey', writeKey?.trim?.(), writeKey, 'your write key');
  check('endpoint', /^(https?:\/\/[^/]+|\/|$)/.test(endpoint), endpoint, "a URL like 'https://collector.example.com'");
  check('consent', ['pending', 'granted', 'denied'].includes(consent), consent, 'pending|granted|denied');
  check('gpc', gpc === 'respect' || gpc === 'ignore', gpc, 'respect|ignore');
  check('flushInterval', flushInterval >= 1 && flushInterval < Infinity, flushInterval, 'ms ≥ 1');
  check('flushAt', Number.isInteger(flushAt) && flushAt >= 1, flushAt, 'an integer ≥ 1');
  check('beforeSend', !beforeSend || typeof beforeSend === 'function', beforeSend, 'a function');
  return { writeKey, endpoint: endpoint.replace(/\/+$/, ''), consent, gpc, flushInterval, flushAt, debug: debug === true, beforeSend };
}

function check(name: string, ok: unknown, value: unknown, expected: string): void {
  if (!ok) throw new TypeError(`footfall: option ${name} must be ${expected}, got ${JSON.stringify(value)}`);
}
