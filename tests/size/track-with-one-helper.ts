// A shop that imports one e-commerce helper pays for that helper only.
import { createClient } from '../../sdk/index';
import { orderCompleted } from '../../sdk/ecommerce/index';

const footfall = createClient({ writeKey: 'dev_write_key', consent: 'granted' });
orderCompleted(footfall, { order_id: 'ord-1', revenue: 89, currency: 'EUR' });
