import { CLICK_IDS } from './campaign.js';
import type { FootfallEvent } from './types.js';

/**
 * Take ad click ids out of an event's `context.campaign`. Runs as an event
 * leaves the consent gate without `marketing` consent: a click id names one
 * ad click, which ad platforms join on. (Page URLs never carry them: the
 * context strips them from every URL it reports.)
 * @param event a granted event, changed in place
 * @example
 * if (!gate.allows('marketing')) scrubClickIds(event);
 */
export function scrubClickIds(event: FootfallEvent): void {
  const { campaign } = event.context;
  if (!campaign) return;
  for (const id of CLICK_IDS) delete campaign[id];
  if (Object.keys(campaign).length === 0) delete event.context.campaign;
}
