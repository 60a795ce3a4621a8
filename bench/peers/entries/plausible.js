import { init, track } from '@plausible-analytics/tracker';

init({ domain: 'shop.example' });
track('Signed Up', {});
