import { describe, expectTypeOf, it } from 'vitest';
import { cartViewed, GA4_EVENTS, orderCompleted, productAdded, type EcommerceEventName, type Product } from '../../sdk/ecommerce/index';
import { createClient, STUB_SNIPPET, type BeforeSend, type FootfallClient, type FootfallEvent, type FootfallOptions } from '../../sdk/index';
import type { ScriptTagApi } from '../../sdk/script-tag-install';
import { trackPageViews } from '../../sdk/spa/index';

// Type tests of the public API: checked by `tsc --noEmit` (npm test runs it
// first); at run time they only prove the imports resolve.

describe('public API types', () => {
  it('createClient takes typed options and returns the client', () => {
    expectTypeOf(createClient).parameter(0).toEqualTypeOf<FootfallOptions>();
    expectTypeOf(createClient).returns.toEqualTypeOf<FootfallClient>();
    expectTypeOf<FootfallOptions['consent']>().toEqualTypeOf<'pending' | 'granted' | 'denied' | undefined>();
    expectTypeOf<FootfallClient['flush']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<FootfallClient['alias']>().parameters.toEqualTypeOf<[userId: string, previousId?: string]>();
    expectTypeOf(STUB_SNIPPET).toBeString();
    // @ts-expect-error writeKey is required
    const noKey: FootfallOptions = { endpoint: 'https://c.example' };
    // @ts-expect-error consent is one of three states
    const badConsent: FootfallOptions = { writeKey: 'k', consent: 'yes' };
    void [noKey, badConsent];
  });

  it('beforeSend sees a typed event and may drop it', () => {
    expectTypeOf<BeforeSend>().parameter(0).toEqualTypeOf<FootfallEvent>();
    expectTypeOf<ReturnType<BeforeSend>>().toEqualTypeOf<FootfallEvent | null | false | undefined>();
    const strip: BeforeSend = (event) => {
      if (event.type === 'identify') expectTypeOf(event.traits).toEqualTypeOf<Record<string, unknown>>();
      if (event.type === 'track') expectTypeOf(event.event).toBeString();
      return event;
    };
    void strip;
  });

  it('e-commerce helpers type their properties', () => {
    const client = {} as FootfallClient;
    expectTypeOf(productAdded).parameter(1).toEqualTypeOf<Product>();
    expectTypeOf<Product['price']>().toEqualTypeOf<number | undefined>();
    expectTypeOf(GA4_EVENTS['Order Completed']).toEqualTypeOf<'purchase'>();
    expectTypeOf<EcommerceEventName>().toExtend<keyof typeof GA4_EVENTS>();
    const typed = () => {
      // @ts-expect-error Order Completed needs its order_id
      orderCompleted(client, { revenue: 89 });
      // @ts-expect-error price is a number
      productAdded(client, { product_id: 'sneaker-1', price: '89' });
      // @ts-expect-error products is a list of products
      cartViewed(client, { products: 'sneaker-1' });
    };
    void typed;
  });

  it('the script tag exposes the client with bound e-commerce helpers; SPA tracking takes any page()', () => {
    expectTypeOf<ScriptTagApi>().toExtend<FootfallClient>();
    expectTypeOf<ScriptTagApi['ecommerce']['orderCompleted']>().parameter(0).toHaveProperty('order_id').toEqualTypeOf<string>();
    expectTypeOf(trackPageViews).returns.toEqualTypeOf<() => void>();
    expectTypeOf(trackPageViews).toBeCallableWith({} as FootfallClient);
  });
});
