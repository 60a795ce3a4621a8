import { describe, expect, it } from 'vitest';
import { DEFAULTS, resolveOptions } from '../../sdk/options';
import type { FootfallOptions } from '../../sdk/types';

describe('resolveOptions', () => {
  it('fills every default', () => {
    expect(resolveOptions({ writeKey: 'dev_write_key' })).toEqual({
      writeKey: 'dev_write_key',
      endpoint: '',
      consent: 'pending',
      gpc: 'respect',
      flushInterval: 5000,
      flushAt: 20,
      debug: false,
    });
    expect(DEFAULTS.consent).toBe('pending');
  });

  it('keeps valid values and drops trailing slashes of the endpoint', () => {
    const options = resolveOptions({
      writeKey: 'k',
      endpoint: 'https://collector.example.com/',
      consent: 'granted',
      gpc: 'ignore',
      flushInterval: 250,
      flushAt: 1,
      debug: true,
    });
    expect(options).toEqual({
      writeKey: 'k',
      endpoint: 'https://collector.example.com',
      consent: 'granted',
      gpc: 'ignore',
      flushInterval: 250,
      flushAt: 1,
      debug: true,
    });
    expect(resolveOptions({ writeKey: 'k', endpoint: '/collect/' }).endpoint).toBe('/collect');
  });

  it.each<[string, unknown, string]>([
    ['no options', undefined, 'footfall: option writeKey must be your write key, got undefined'],
    ['no writeKey', {}, 'footfall: option writeKey must be your write key, got undefined'],
    ['blank writeKey', { writeKey: '  ' }, 'footfall: option writeKey must be your write key, got "  "'],
    ['bad consent', { writeKey: 'k', consent: 'yes' }, 'footfall: option consent must be pending|granted|denied, got "yes"'],
    ['bad gpc', { writeKey: 'k', gpc: 'off' }, 'footfall: option gpc must be respect|ignore, got "off"'],
    ['endpoint without scheme', { writeKey: 'k', endpoint: 'collector.example.com' }, 'footfall: option endpoint must be an http(s) URL, got "collector.example.com"'],
    ['zero flushInterval', { writeKey: 'k', flushInterval: 0 }, 'footfall: option flushInterval must be ms ≥ 1, got 0'],
    ['fractional flushAt', { writeKey: 'k', flushAt: 2.5 }, 'footfall: option flushAt must be an integer ≥ 1, got 2.5'],
    ['beforeSend not a function', { writeKey: 'k', beforeSend: 'strip' }, 'footfall: option beforeSend must be a function, got "strip"'],
  ])('rejects %s with a message that says what to do', (_case, input, message) => {
    expect(() => resolveOptions(input as FootfallOptions)).toThrow(TypeError);
    expect(() => resolveOptions(input as FootfallOptions)).toThrow(message);
  });
});
