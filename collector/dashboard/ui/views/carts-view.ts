import type { CartSignal } from '../../../signals/signal-json';
import type { AbandonedCart } from '../api';
import { rangeQuery } from '../date-range';
import { errorLine, h, replace, table } from '../dom';
import { formatCount, formatDateTime, formatNumber } from '../format';
import { followStream, showState } from '../event-stream';
import { replaceParams, withParams } from '../route';
import type { View, ViewContext } from '../view-context';

/**
 * Abandoned carts in the range (the query API's answer) and, above them, carts
 * that pass the collector's idle time while the page is open.
 */
export const cartsView: View = async (context) => {
  const { route, root, signal } = context;
  const idle = h('input', { name: 'idle', value: route.params.get('idle') ?? '24h', size: 6, 'aria-label': 'Idle time' });
  const output = h('div', { class: 'result', 'data-testid': 'carts-result' });
  const live = h('ol', { class: 'signals', 'data-testid': 'cart-signals' });
  const status = h('span', { class: 'status' }, 'connecting');
  const form = h('form', { class: 'panel builder row' }, h('h2', {}, 'Abandoned carts'), h('label', {}, 'Idle for ', idle), h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    replaceParams(route, { idle: idle.value.trim() });
    void run(context, idle.value.trim(), output);
  });
  replace(root, form, h('section', { class: 'panel' }, h('h2', {}, 'Just abandoned ', status), live), output);
  void followStream('/v1/live/abandoned-carts', {
    key: context.key,
    signal,
    onState: showState(status, context.onUnauthorized),
    onMessage: (message) => {
      if (message.event !== 'abandoned_cart') return;
      const { cart } = JSON.parse(message.data) as CartSignal;
      live.prepend(h('li', {}, personLink(context, cart), ` · ${formatDateTime(cart.lastActivity)} · ${productsOf(cart)} · ${formatNumber(cart.value)}`));
    },
  });
  await run(context, idle.value.trim(), output);
};

async function run(context: ViewContext, idle: string, output: HTMLElement): Promise<void> {
  replace(output, h('p', { class: 'loading' }, 'Looking for carts…'));
  try {
    const { carts } = await context.api.abandonedCarts({ idle, ...rangeQuery(context.range) });
    const value = carts.reduce((sum, cart) => sum + cart.value, 0);
    replace(
      output,
      h(
        'section',
        { class: 'panel' },
        h('p', { 'data-testid': 'carts-summary' }, `${formatCount(carts.length)} carts left, worth ${formatNumber(value)}`),
        carts.length === 0
          ? null
          : table(
              ['Last activity', 'Person', 'Products', 'Value'],
              carts.map((cart) => [formatDateTime(cart.lastActivity), personLink(context, cart), productsOf(cart), formatNumber(cart.value)]),
              { numeric: [3], testid: 'carts-table' },
            ),
      ),
    );
  } catch (error) {
    replace(output, errorLine(error));
  }
}

function personLink(context: ViewContext, cart: AbandonedCart): HTMLAnchorElement {
  const id = cart.userIds[0] ?? cart.anonymousIds[0] ?? '';
  return h('a', { href: withParams(context.route, { id }, 'journey') }, id);
}

function productsOf(cart: AbandonedCart): string {
  return cart.products.map((product) => `${product.name ?? product.productId} × ${product.quantity}`).join(', ') || '(empty)';
}
