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

const router = createRouter(element('main'), shopRoutes({ footfall, navigate: (href) => router.navigate(href) }));
router.start();
// The page the app was loaded at is recorded here; footfall/spa records every
// later URL (never the same one twice in a row).
footfall.page();
trackPageViews(footfall);
