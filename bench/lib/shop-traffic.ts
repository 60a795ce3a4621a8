import { seededRandom as seeded } from '../../tests/helpers/seeded-random';

export const START = Date.parse('2026-09-01T00:00:00.000Z');
export const DAYS = 60;
const MINUTE = 60_000;
const FUNNEL = ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'];
/** Share of visitors that go on from each step (realistic drop-off). */
const GO_ON = [0.55, 0.45, 0.6];
const SOURCES = ['google', 'newsletter', 'facebook', 'direct', 'bing'];

/**
 * Shop traffic, one visitor at a time (each visitor's events in time order):
 * visits with or without campaigns, browsing, funnel progress with drop-off,
 * logins joining a second device, and call-centre orders. About `eventsPerVisitor`
 * events per visitor on average.
 *
 * @example
 * for (const batch of shopTraffic(1, 200_000, 2_000)) await ingestEvents(db, batch, request);
 */
export function* shopTraffic(seed: number, visitors: number, batchSize: number): Generator<Record<string, unknown>[]> {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let batch: Record<string, unknown>[] = [];
  let serial = 0;
  const add = (event: Record<string, unknown>, at: number) => {
    batch.push({ ...event, messageId: `b${seed}-${serial++}`, timestamp: new Date(at).toISOString() });
  };
  for (let v = 0; v < visitors; v++) {
    const userId = random() < 0.35 ? `user-${v}` : undefined;
    const devices = userId && random() < 0.4 ? 2 : 1;
    for (let d = 0; d < devices; d++) {
      const anonymousId = `anon-${v}-${d}`;
      let at = START + Math.floor(random() * (DAYS - 2) * 24 * 60) * MINUTE;
      const visits = 1 + Math.floor(random() * 6);
      for (let visit = 0; visit < visits; visit++) {
        const campaign = random() < 0.5 ? { source: pick(SOURCES), medium: pick(['cpc', 'email', 'social']), name: pick(['autumn', 'bf', 'brand']) } : undefined;
        const context = campaign ? { campaign } : {};
        add({ type: 'page', anonymousId, name: 'Home', context: { ...context, page: { path: '/' } }, properties: { path: '/' } }, at);
        for (let browse = Math.floor(random() * 8); browse > 0; browse--) {
          at += Math.floor(random() * 3 * MINUTE);
          add({ type: 'page', anonymousId, name: 'Category', context: { page: { path: pick(['/shoes', '/hats', '/bags']) } } }, at);
        }
        for (let step = 0; step < FUNNEL.length; step++) {
          at += Math.floor(random() * 4 * MINUTE);
          const product = { product_id: `p${Math.floor(random() * 500)}`, price: 10 + Math.floor(random() * 90), quantity: 1 };
          add({ type: 'track', anonymousId, event: FUNNEL[step], properties: step === 3 ? { revenue: product.price, products: [product] } : product }, at);
          if (step === 2 && userId) add({ type: 'identify', anonymousId, userId, traits: { email: `${userId}@example.com`, plan: pick(['free', 'pro']) } }, at);
          if (step < 3 && random() > (GO_ON[step] as number)) break;
        }
        at += pick([20, 45, 240, 1_500, 4_000]) * MINUTE;
      }
    }
    if (userId && random() < 0.1) add({ type: 'track', userId, event: 'Order Completed', properties: { total: 80 }, context: { channel: 'call_center' } }, START + Math.floor(random() * DAYS * 24 * 60) * MINUTE);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
