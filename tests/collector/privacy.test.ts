import { describe, expect, it } from 'vitest';
import { isBotUserAgent } from '../../collector/privacy/detect-bot';
import { applyIpPolicy } from '../../collector/privacy/truncate-ip';
import { basicAuth, createTestApp, postJson } from '../helpers/test-app';
import { startCollector } from '../helpers/collector-server';

describe('applyIpPolicy', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0'],
    ['::ffff:198.51.100.23', '198.51.100.0'],
    ['2001:db8:85a3::8a2e:370:7334', '2001:db8:85a3::'],
    ['2001:0DB8:0000:0042:0000:8a2e:0370:7334', '2001:db8::'],
    ['[2a00:1450:4001:81b::200e]', '2a00:1450:4001::'],
    ['::1', '::'],
  ])('truncates %s to %s', (address, expected) => {
    expect(applyIpPolicy(address, 'truncate')).toBe(expected);
  });

  it('keeps or drops addresses on request and refuses non-addresses', () => {
    expect(applyIpPolicy('2001:db8:0:0:1:0:0:1', 'full')).toBe('2001:db8::1:0:0:1');
    expect(applyIpPolicy('203.0.113.77', 'full')).toBe('203.0.113.77');
    expect(applyIpPolicy('203.0.113.77', 'drop')).toBeNull();
    for (const junk of ['', 'localhost', '256.1.1.1', '1.2.3', '1::2::3', '12345::', 'fe80::1:2:3:4:5:6:7:8']) {
      expect(applyIpPolicy(junk, 'truncate')).toBeNull();
    }
  });
});

describe('isBotUserAgent', () => {
  it('flags crawlers, headless browsers and HTTP libraries, not shoppers', () => {
    const bots = [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'curl/8.5.0',
      'python-requests/2.32.3',
    ];
    const people = [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    ];
    expect(bots.map(isBotUserAgent)).toEqual(bots.map(() => true));
    expect(people.map(isBotUserAgent)).toEqual(people.map(() => false));
    expect(isBotUserAgent(undefined)).toBe(false);
  });
});

describe('privacy defaults at ingest', () => {
  const event = (messageId: string, context: Record<string, unknown>) => ({
    type: 'track',
    messageId,
    anonymousId: 'a',
    event: 'E',
    context,
  });
  const auth = { authorization: basicAuth('dev_write_key') };

  it('truncates a reported context.ip in the column and in the stored context', async () => {
    const t = await createTestApp();
    await postJson(t.app, '/v1/batch', { batch: [event('m1', { ip: '198.51.100.23', locale: 'en' })] }, auth);
    const [row] = (await t.database.client.execute('select ip, context from events')).rows;
    expect(row!.ip).toBe('198.51.100.0');
    expect(JSON.parse(String(row!.context))).toEqual({ ip: '198.51.100.0', locale: 'en' });
  });

  it('believes X-Forwarded-For only as far as the configured proxy hops', async () => {
    const t = await createTestApp({ FOOTFALL_TRUSTED_PROXY_HOPS: '1' });
    const headers = { ...auth, 'x-forwarded-for': '10.9.9.9, 203.0.113.77' };
    await postJson(t.app, '/v1/batch', { batch: [event('m1', {})] }, headers);
    const untrusted = await createTestApp();
    await postJson(untrusted.app, '/v1/batch', { batch: [event('m1', {})] }, headers);
    expect((await t.database.client.execute('select ip from events')).rows[0]!.ip).toBe('203.0.113.0');
    expect((await untrusted.database.client.execute('select ip from events')).rows[0]!.ip).toBeNull();
  });

  it('stores bot traffic flagged, with FOOTFALL_IP=drop storing no address', async () => {
    const t = await createTestApp({ FOOTFALL_IP: 'drop' });
    const batch = [event('bot', { userAgent: 'Googlebot/2.1', ip: '203.0.113.77' }), event('person', { userAgent: 'Mozilla/5.0 Firefox/133.0' })];
    await postJson(t.app, '/v1/batch', { batch }, auth);
    const rows = (await t.database.client.execute('select message_id, bot, ip, context from events order by message_id')).rows;
    expect(rows.map((r) => [r.message_id, r.bot, r.ip])).toEqual([
      ['bot', 1, null],
      ['person', 0, null],
    ]);
    expect(JSON.parse(String(rows[0]!.context))).toEqual({ userAgent: 'Googlebot/2.1' });
  });

  it('stores the socket address truncated on a real server', async () => {
    const collector = await startCollector({ examples: false });
    try {
      await fetch(`${collector.url}/v1/track`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ messageId: 'sock', anonymousId: 'a', event: 'E' }),
      });
      const rows = (await collector.db.execute('select ip from events')).rows;
      expect(rows.map((r) => r.ip)).toEqual(['127.0.0.0']);
    } finally {
      await collector.close();
    }
  });
});
