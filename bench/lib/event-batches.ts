import { uuidv7 } from '../../sdk/uuidv7';

const EVENTS = ['Product Viewed', 'Product Added', 'Cart Viewed', 'Checkout Started', 'Order Completed'];
const PATHS = ['/', '/products', '/product/sneaker-1', '/cart', '/checkout'];

let visitor = 0;

/**
 * A batch of fresh storefront events (new messageIds every call), shaped like what
 * the SDK sends: page and track events with page, campaign and library context.
 */
export function freshBatch(size: number): Array<Record<string, unknown>> {
  const anonymousId = `bench-visitor-${visitor++}`;
  const now = new Date().toISOString();
  return Array.from({ length: size }, (_, i) => {
    const path = PATHS[i % PATHS.length]!;
    const page = { path, url: `https://shop.example${path}`, title: 'Footfall Shoes', referrer: '' };
    const context = {
      page,
      campaign: { source: 'newsletter', medium: 'email', name: 'black-friday' },
      library: { name: 'footfall', version: '0.1.0' },
      locale: 'en-GB',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
      sessionId: `${anonymousId}-s1`,
    };
    return i % 5 === 0
      ? { type: 'page', messageId: uuidv7(), anonymousId, name: 'Shop', properties: page, context, timestamp: now }
      : {
          type: 'track',
          messageId: uuidv7(),
          anonymousId,
          event: EVENTS[i % EVENTS.length]!,
          properties: { product_id: `p-${i}`, price: 59.99, quantity: 1, currency: 'EUR' },
          context,
          timestamp: now,
        };
  });
}
