import { RudderAnalytics } from '@rudderstack/analytics-js';

const analytics = new RudderAnalytics();
analytics.load('dev_write_key', 'https://collector.example.com');
analytics.track('Signed Up');
