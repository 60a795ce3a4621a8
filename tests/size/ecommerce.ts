// All of footfall/ecommerce: the ten typed helpers, the event list, the GA4 map and bindEcommerce.
export * from '../../sdk/ecommerce/index';
