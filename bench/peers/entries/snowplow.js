import { newTracker, trackStructEvent } from '@snowplow/browser-tracker';

newTracker('sp', 'https://collector.example.com');
trackStructEvent({ category: 'account', action: 'signed-up' });
