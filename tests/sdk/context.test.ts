import { describe, expect, it } from 'vitest';
import { parseCampaign } from '../../sdk/campaign';
import { buildContext, readPage, type BrowserEnv } from '../../sdk/context';
import { VERSION } from '../../sdk/version';

const env: BrowserEnv = {
  location: {
    href: 'https://shop.example/cart?utm_source=news&utm_medium=email&utm_campaign=spring#top',
    pathname: '/cart',
    search: '?utm_source=news&utm_medium=email&utm_campaign=spring',
    hash: '#top',
  },
  document: { referrer: 'https://news.example/', title: 'Cart' },
  navigator: { userAgent: 'TestAgent/1.0', language: 'de-CH' },
};

describe('readPage', () => {
  it('reads Segment page facts and drops the fragment from the url', () => {
    expect(readPage(env)).toEqual({
      path: '/cart',
      referrer: 'https://news.example/',
      search: '?utm_source=news&utm_medium=email&utm_campaign=spring',
      title: 'Cart',
      url: 'https://shop.example/cart?utm_source=news&utm_medium=email&utm_campaign=spring',
    });
  });

  it('is undefined outside a page', () => {
    expect(readPage({})).toBeUndefined();
  });
});

describe('buildContext', () => {
  it('has library, page, campaign, userAgent, locale and the Intl time zone', () => {
    expect(buildContext(env)).toEqual({
      library: { name: 'footfall', version: VERSION },
      page: readPage(env),
      campaign: { source: 'news', medium: 'email', name: 'spring' },
      userAgent: 'TestAgent/1.0',
      locale: 'de-CH',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  });

  it('has only library and time zone without a browser', () => {
    expect(Object.keys(buildContext({})).sort()).toEqual(['library', 'timezone']);
  });
});

describe('parseCampaign', () => {
  it('maps every UTM parameter to its Segment name', () => {
    expect(parseCampaign('utm_source=a&utm_medium=b&utm_campaign=c&utm_term=d&utm_content=e&ref=x')).toEqual({
      source: 'a',
      medium: 'b',
      name: 'c',
      term: 'd',
      content: 'e',
    });
  });

  it('is undefined without UTM parameters, and ignores empty ones', () => {
    expect(parseCampaign('')).toBeUndefined();
    expect(parseCampaign('?utm_source=&q=shoes')).toBeUndefined();
  });
});
