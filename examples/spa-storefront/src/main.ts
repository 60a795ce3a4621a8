import { createClient } from 'footfall';
import { trackPageViews } from 'footfall/spa';
import { cartCount } from './cart';
import { rememberedConsent, setUpConsentBanner } from './consent-banner';
import { createRouter } from './router';
import { shopRoutes } from './routes';

// The collector serves this page, so events go to the page's own origin. A shop
// on another origin sets `endpoint: 'https://collector.example.com'` and allows
// its origin with the write key (FOOTFALL_WRITE_KEYS).
const footfall = createClient({ writeKey: 'dev_write_key', consent: rememberedConsent() });

const element = (selector: string): HTMLElement => document.querySelector<HTMLElement>(selector)!;
setUpConsentBanner(footfall, element('#consent-banner'), element('#consent-change'));

const showCartCount = () => (element('#cart-count').textContent = String(cartCount()));
addEventListener('cart-change', showCartCount);
showCartCount();

// footfall/spa records every URL after the one the app was loaded at (never the
// same one twice in a row). Installed before the router, so that on back and
// forward its page view is queued before the view's own events.
trackPageViews(footfall);
const router = createRouter(element('main'), shopRoutes({ footfall, navigate: (href) => router.navigate(href) }));
router.start();
// The landing page's view, once the router has given it its title.
footfall.page();
