import { seededRandom } from '../../helpers/seeded-random';

export { seededRandom };

export const T0 = Date.parse('2026-11-01T00:00:00.000Z');
const MINUTE = 60_000;

export interface RawEvent {
  type: string;
  messageId: string;
  anonymousId?: string;
  userId?: string;
  previousId?: string;
  event?: string;
  name?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
  timestamp: string;
}

const FUNNEL = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'];
const SOURCES = [undefined, undefined, 'google', 'newsletter', 'direct', 'facebook'];

/**
 * Generates shop traffic: visitors on one or two devices (the second joined later by
 * identify), campaign visits, funnel progress with drop-off and repeats, equal
 * timestamps, call-centre orders, removals, and a few bot events.
 */
export function generateEvents(seed: number, visitors: number): RawEvent[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const out: RawEvent[] = [];
  let serial = 0;
  const add = (event: Omit<RawEvent, 'messageId' | 'timestamp'>, at: number): void => {
    out.push({ ...event, messageId: `m${seed}-${serial++}`, timestamp: new Date(at).toISOString() });
  };
  for (let v = 0; v < visitors; v++) {
    const devices = random() < 0.3 ? 2 : 1;
    const userId = random() < 0.6 ? `user-${v}` : undefined;
    for (let d = 0; d < devices; d++) {
      const anonymousId = `anon-${v}-${d}`;
      let at = T0 + Math.floor(random() * 20 * 24 * 60) * MINUTE;
      const visits = 1 + Math.floor(random() * 3);
      for (let visit = 0; visit < visits; visit++) {
        const source = pick(SOURCES);
        const campaign = source ? { source, medium: pick([undefined, 'cpc', 'email']), name: pick([undefined, 'bf', 'xmas']) } : undefined;
        const context = { ...(campaign ? { campaign } : {}), ...(random() < 0.05 ? { userAgent: 'Googlebot/2.1' } : {}) };
        add({ type: 'page', anonymousId, name: 'Home', context: { ...context, page: { path: pick(['/', '/shoes', '/cart']) } } }, at);
        const depth = Math.floor(random() * 5);
        for (let step = 0; step < depth; step++) {
          at += pick([0, 0, MINUTE, 5 * MINUTE, 40 * MINUTE, 2 * 24 * 60 * MINUTE]);
          const category = pick(['shoes', 'hats']);
          const product = { product_id: pick(['p1', 'p2', 'p3']), price: pick([10, 25.5]), quantity: pick([1, 2]), category };
          add({ type: 'track', anonymousId, event: FUNNEL[step] as string, properties: step === 3 ? { revenue: 42.5, products: [product] } : product, context }, at);
          if (step === 1 && random() < 0.2) add({ type: 'track', anonymousId, event: 'Product Removed', properties: product }, at + MINUTE);
          if (random() < 0.2) add({ type: 'track', anonymousId, event: FUNNEL[step] as string, properties: product }, at + 2 * MINUTE);
        }
        at += pick([10 * MINUTE, 31 * MINUTE, 3 * 60 * MINUTE, 26 * 60 * MINUTE]);
      }
      if (userId) add({ type: 'identify', anonymousId, userId, traits: { email: `${userId}@example.com`, device: d } }, at + Math.floor(random() * 10) * MINUTE);
    }
    if (userId && random() < 0.3) {
      add({ type: 'track', userId, event: 'Order Completed', properties: { total: 99 }, context: { channel: 'call_center' } }, T0 + Math.floor(random() * 25 * 24 * 60) * MINUTE);
    }
  }
  return out;
}

/** Shuffles a copy of `items` (Fisher–Yates, seeded): events arrive out of order. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
