import { AnalyticsBrowser } from '@segment/analytics-next';

AnalyticsBrowser.load({ writeKey: 'dev_write_key' }).track('Signed Up');
