import { describe, expect, it } from 'vitest';
import { campaignKey, parseCampaign, stripClickIds } from '../../sdk/campaign';
import { scrubClickIds } from '../../sdk/click-id-scrub';
import type { TrackEvent } from '../../sdk/types';

describe('click ids', () => {
  it('reads ad click ids beside the UTM parameters', () => {
    expect(parseCampaign('?utm_source=google&gclid=Cj0&fbclid=IwA&li_fat_id=li&x=1')).toEqual({
      source: 'google',
      gclid: 'Cj0',
      fbclid: 'IwA',
      li_fat_id: 'li',
    });
  });

  it('strips them from URLs and query strings, keeping everything else as written', () => {
    expect(stripClickIds('https://shop.example/p?gclid=a&q=red+shoes&msclkid=b&page=2')).toBe('https://shop.example/p?q=red+shoes&page=2');
    expect(stripClickIds('?gclid=a&ttclid=b')).toBe('');
    expect(stripClickIds('https://shop.example/p')).toBe('https://shop.example/p');
  });

  it('scrubs them from a campaign, dropping a campaign left empty', () => {
    const event = { context: { campaign: { source: 'google', gclid: 'Cj0' } } } as unknown as TrackEvent;
    scrubClickIds(event);
    expect(event.context.campaign).toEqual({ source: 'google' });
    const clickOnly = { context: { campaign: { gclid: 'Cj0' } } } as unknown as TrackEvent;
    scrubClickIds(clickOnly);
    expect(clickOnly.context.campaign).toBeUndefined();
  });

  it('keys campaigns by source, medium and name; click ids alone are no campaign', () => {
    expect(campaignKey({ source: 'news', medium: 'email', name: 'spring', term: 't' })).toBe('news|email|spring');
    expect([campaignKey({ gclid: 'x' }), campaignKey(undefined)]).toEqual([undefined, undefined]);
  });
});
