import { CATALOGUE, CATEGORIES, money, type ShopProduct } from '../catalogue';
import type { View } from '../router';

const card = (p: ShopProduct): string =>
  `<li class="card"><a href="products/${p.product_id}">${p.name}</a><p class="price">${money(p.price)}</p></li>`;

/**
 * Every product, or one category's (`?category=Boots`: a URL of its own, so a
 * page view of its own).
 */
export function productListView(category: string | null): View {
  const shown = CATEGORIES.includes(category ?? '') ? category : null;
  const filter = (name: string, href: string) => `<a href="${href}"${name === (shown ?? 'All') ? ' aria-current="page"' : ''}>${name}</a>`;
  return {
    title: shown ?? 'All shoes',
    render(main) {
      main.innerHTML = `<h1>${shown ?? 'All shoes'}</h1>
        <nav class="filters">${[filter('All', './'), ...CATEGORIES.map((c) => filter(c, `?category=${encodeURIComponent(c)}`))].join(' ')}</nav>
        <ul class="grid">${CATALOGUE.filter((p) => !shown || p.category === shown).map(card).join('')}</ul>`;
    },
  };
}
