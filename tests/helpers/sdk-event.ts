import type { FootfallEvent } from '../../sdk/types';

/** A minimal track event numbered `n` (messageId `m<n>`, time `n` ms), for SDK unit tests. */
export const trackEvent = (n: number): FootfallEvent => ({
  type: 'track',
  event: `E${n}`,
  properties: {},
  messageId: `m${n}`,
  timestamp: new Date(n).toISOString(),
  context: { library: { name: 'footfall', version: 'test' } },
});
