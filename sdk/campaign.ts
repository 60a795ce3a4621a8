import type { Campaign } from './types.js';

/** UTM parameter → Segment's `context.campaign` field. */
const UTM_FIELDS = {
  utm_source: 'source',
  utm_medium: 'medium',
  utm_campaign: 'name',
  utm_term: 'term',
  utm_content: 'content',
} as const satisfies Record<string, keyof Campaign>;

/**
 * Read the UTM parameters of a query string into Segment's campaign shape.
 * @param search `location.search`, with or without the leading `?`
 * @returns the campaign, or `undefined` when the URL carries no UTM parameter
 * @example
 * parseCampaign('?utm_source=newsletter&utm_campaign=spring')
 * // { source: 'newsletter', name: 'spring' }
 */
export function parseCampaign(search: string): Campaign | undefined {
  const params = new URLSearchParams(search);
  const campaign: Campaign = {};
  let found = false;
  for (const [param, field] of Object.entries(UTM_FIELDS)) {
    const value = params.get(param);
    if (value) {
      campaign[field] = value;
      found = true;
    }
  }
  return found ? campaign : undefined;
}
