import type { Campaign, ClickIdName } from './types.js';

/** UTM parameters, `utm_<field>`, read into Segment's `context.campaign` field of that name (`utm_campaign` as `name`). */
const UTM_FIELDS = ['source', 'medium', 'campaign', 'term', 'content'];

/**
 * Ad click ids: Google (gclid, gbraid, wbraid, dclid), Meta, Microsoft,
 * TikTok, X, LinkedIn, Pinterest, Reddit, Snap, Yandex.
 */
export const CLICK_IDS: readonly ClickIdName[] = [
  'gclid', 'gbraid', 'wbraid', 'dclid', 'fbclid', 'msclkid', 'ttclid',
  'twclid', 'li_fat_id', 'epik', 'rdt_cid', 'ScCid', 'yclid',
];

/**
 * Read the UTM parameters and ad click ids of a query string into Segment's
 * campaign shape.
 * @param search `location.search`, with or without the leading `?`
 * @returns the campaign, or `undefined` when the URL carries none of them
 * @example
 * parseCampaign('?utm_source=newsletter&utm_campaign=spring&gclid=Cj0')
 * // { source: 'newsletter', name: 'spring', gclid: 'Cj0' }
 */
export function parseCampaign(search: string): Campaign | undefined {
  const params = new URLSearchParams(search);
  let campaign: Record<string, string> | undefined;
  for (const param of [...UTM_FIELDS.map((field) => `utm_${field}`), ...CLICK_IDS]) {
    const value = params.get(param);
    if (value) (campaign ??= {})[param === 'utm_campaign' ? 'name' : param.replace('utm_', '')] = value;
  }
  return campaign;
}

/**
 * What makes two campaigns different for sessions: source, medium and name.
 * @param campaign the campaign of an event
 * @returns a key, or `undefined` when the event carries no UTM campaign (click ids alone do not count)
 * @example
 * campaignKey({ source: 'news', name: 'spring' }) // 'news|undefined|spring'
 */
export function campaignKey(campaign: Campaign | undefined): string | undefined {
  return campaign && (campaign.source || campaign.medium || campaign.name) ? `${campaign.source}|${campaign.medium}|${campaign.name}` : undefined;
}

/**
 * Remove ad click ids from a URL or a query string, keeping everything else
 * exactly as it was written.
 * @param url e.g. `https://shop.example/?gclid=Cj0&q=boots`
 * @returns e.g. `https://shop.example/?q=boots`
 * @example
 * stripClickIds('?gclid=Cj0') // ''
 */
export function stripClickIds(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const kept = url
    .slice(start + 1)
    .split('&')
    .filter((pair) => !CLICK_IDS.includes(pair.split('=')[0] as ClickIdName));
  return url.slice(0, start) + (kept.length ? `?${kept.join('&')}` : '');
}
