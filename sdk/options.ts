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
  const o: Record<string, unknown> = { ...DEFAULTS };
  // Only defined values replace defaults: the script tag passes `consent: undefined` for a missing attribute.
  for (const key in input) if (input[key as keyof FootfallOptions] !== undefined) o[key] = input[key as keyof FootfallOptions];
  const { writeKey, endpoint, consent, gpc, flushInterval: ms, flushAt, beforeSend } = o as unknown as ResolvedOptions;
  const check = (name: string, ok: unknown, expected: string) => {
    if (!ok) throw new TypeError(`footfall: option ${name} must be ${expected}, got ${JSON.stringify(o[name])}`);
  };
  check('writeKey', writeKey?.trim?.(), 'your write key');
  check('endpoint', /^(https?:\/\/[^/]+|\/|$)/.test(endpoint), 'an http(s) URL');
  check('consent', /^(pending|granted|denied)$/.test(consent), 'pending|granted|denied');
  check('gpc', /^(respect|ignore)$/.test(gpc), 'respect|ignore');
  check('flushInterval', ms >= 1 && ms < Infinity, 'ms ≥ 1');
  check('flushAt', Number.isInteger(flushAt) && flushAt >= 1, 'an integer ≥ 1');
  check('beforeSend', !beforeSend || typeof beforeSend === 'function', 'a function');
  o['endpoint'] = endpoint.replace(/\/+$/, '');
  o['debug'] = o['debug'] === true;
  return o as unknown as ResolvedOptions;
}
