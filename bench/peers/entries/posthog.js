import posthog from 'posthog-js';

posthog.init('dev_write_key', { api_host: 'https://collector.example.com' });
posthog.capture('Signed Up');
