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
    ['no options', undefined, "footfall: options must be an object, e.g. createClient({ writeKey: 'dev_write_key' })"],
    ['no writeKey', {}, "footfall: writeKey is required: pass the write key of your collector, e.g. createClient({ writeKey: 'dev_write_key' })"],
    ['blank writeKey', { writeKey: '  ' }, 'footfall: writeKey is required'],
    ['bad consent', { writeKey: 'k', consent: 'yes' }, "footfall: consent must be 'pending', 'granted', 'denied' (got 'yes')"],
    ['bad gpc', { writeKey: 'k', gpc: 'off' }, "footfall: gpc must be 'respect', 'ignore' (got 'off')"],
    ['endpoint without scheme', { writeKey: 'k', endpoint: 'collector.example.com' }, "footfall: endpoint must be the collector's base URL such as 'https://collector.example.com' (got 'collector.example.com')"],
    ['zero flushInterval', { writeKey: 'k', flushInterval: 0 }, 'footfall: flushInterval must be a number of milliseconds, at least 1 (got 0)'],
    ['fractional flushAt', { writeKey: 'k', flushAt: 2.5 }, 'footfall: flushAt must be a whole number of at least 1 (got 2.5)'],
  ])('rejects %s with a message that says what to do', (_case, input, message) => {
    expect(() => resolveOptions(input as FootfallOptions)).toThrow(TypeError);
    expect(() => resolveOptions(input as FootfallOptions)).toThrow(message);
  });
});
