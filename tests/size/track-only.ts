// "Track one event" as an app's bundler sees it: the core entry, tree-shaken.
import { createClient } from '../../sdk/index';

const footfall = createClient({ writeKey: 'dev_write_key', consent: 'granted' });
footfall.track('Signed Up');
