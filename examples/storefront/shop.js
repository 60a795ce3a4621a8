// Footfall Shoes: the example shop's own code. The cart and the consent choice
// are the shop's business, kept in the shop's own localStorage; Footfall only
// receives what the shop tells it.
(() => {
  'use strict';

  const CURRENCY = 'EUR';
  const CATALOGUE = [
    { id: 'sneaker-1', sku: 'FFS-SNK-001', name: 'Trail Runner', price: 89, category: 'Sneakers' },
    { id: 'sneaker-2', sku: 'FFS-SNK-002', name: 'City Sneaker', price: 79, category: 'Sneakers' },
    { id: 'boot-1', sku: 'FFS-BOT-001', name: 'Chelsea Boot', price: 149, category: 'Boots' },
    { id: 'sandal-1', sku: 'FFS-SDL-001', name: 'Cork Sandal', price: 49, category: 'Sandals' },
    { id: 'socks-1', sku: 'FFS-ACC-001', name: 'Merino Socks', price: 15, category: 'Accessories' },
  ];

  // Call Footfall if it loaded; otherwise queue the call for it (the stub
  // convention), so an ad blocker or a slow network never breaks the shop.
  // Dotted names reach nested methods: 'consent.grant', 'ecommerce.orderCompleted'
  // (the script tag's typed E-commerce v2 helpers, the same events as track()).
  function footfall(method, ...args) {
    const api = window.footfall;
    const fn = method.split('.').reduce((target, key) => (target ? target[key] : undefined), api);
    if (typeof fn === 'function') return fn(...args);
    window.footfall = Array.isArray(api) ? api : [];
    window.footfall.push([method, ...args]);
    return undefined;
  }

  const $ = (selector) => document.querySelector(selector);
  const money = (amount) => new Intl.NumberFormat('en', { style: 'currency', currency: CURRENCY }).format(amount);
  const findProduct = (id) => CATALOGUE.find((product) => product.id === id);

  function productProperties(product) {
    return {
      product_id: product.id,
      sku: product.sku,
      name: product.name,
      price: product.price,
      currency: CURRENCY,
      category: product.category,
    };
  }

  // --- the cart, in the shop's own storage ---
  function readCart() {
    try {
      return JSON.parse(localStorage.getItem('shop-cart') || '[]');
    } catch {
      return [];
    }
  }
  function writeCart(lines) {
    localStorage.setItem('shop-cart', JSON.stringify(lines));
    renderCartCount();
  }
  function addToCart(id) {
    const lines = readCart();
    const line = lines.find((l) => l.id === id);
    if (line) line.quantity += 1;
    else lines.push({ id, quantity: 1 });
    writeCart(lines);
  }
  function cartProducts() {
    return readCart()
      .map((line) => ({ product: findProduct(line.id), quantity: line.quantity }))
      .filter((line) => line.product)
      .map(({ product, quantity }) => ({ ...productProperties(product), quantity }));
  }
  const cartTotal = (products) => products.reduce((sum, p) => sum + p.price * p.quantity, 0);
  function renderCartCount() {
    const count = readCart().reduce((sum, line) => sum + line.quantity, 0);
    document.querySelectorAll('[data-cart-count]').forEach((el) => (el.textContent = String(count)));
  }

  // --- consent banner: the shop remembers the choice and states it on every page ---
  function setUpConsent() {
    const banner = $('#consent-banner');
    const choose = (choice) => {
      localStorage.setItem('shop-consent', choice);
      footfall(choice === 'granted' ? 'consent.grant' : 'consent.deny');
      banner.hidden = true;
    };
    $('#consent-accept').addEventListener('click', () => choose('granted'));
    $('#consent-decline').addEventListener('click', () => choose('denied'));
    $('#consent-change').addEventListener('click', () => (banner.hidden = false));
    const remembered = localStorage.getItem('shop-consent');
    if (remembered === 'granted') footfall('consent.grant');
    else if (remembered === 'denied') footfall('consent.deny');
    else banner.hidden = false;
  }

  // --- pages ---
  const main = $('#main');
  const card = (p) =>
    `<li class="card"><a href="product.html?id=${p.id}">${p.name}</a><p class="price">${money(p.price)}</p></li>`;

  const pages = {
    home() {
      main.innerHTML = `<h1>Shoes for every step</h1>
        <p>Featured this week:</p><ul class="grid">${CATALOGUE.slice(0, 3).map(card).join('')}</ul>
        <p><a href="products.html">See all shoes</a></p>`;
    },
    products() {
      main.innerHTML = `<h1>All shoes</h1><ul class="grid">${CATALOGUE.map(card).join('')}</ul>`;
    },
    product() {
      const product = findProduct(new URLSearchParams(location.search).get('id'));
      if (!product) {
        main.innerHTML = '<h1>Not found</h1><p><a href="products.html">Back to the shop</a></p>';
        return;
      }
      document.title = `${product.name} · Footfall Shoes`;
      main.innerHTML = `<h1>${product.name}</h1><p>${product.category}</p>
        <p class="price">${money(product.price)}</p>
        <button type="button" id="add-to-cart">Add to cart</button> <span id="added" hidden>Added.</span>
        <p><a id="go-to-cart" href="cart.html">View cart</a></p>`;
      footfall('ecommerce.productViewed', productProperties(product));
      $('#add-to-cart').addEventListener('click', () => {
        addToCart(product.id);
        footfall('ecommerce.productAdded', { ...productProperties(product), quantity: 1 });
        $('#added').hidden = false;
      });
    },
    cart() {
      const products = cartProducts();
      footfall('ecommerce.cartViewed', { products });
      if (products.length === 0) {
        main.innerHTML = '<h1>Your cart is empty</h1><p><a href="products.html">Find some shoes</a></p>';
        return;
      }
      const rows = products.map((p) => `<tr><td>${p.name}</td><td>${p.quantity}</td><td>${money(p.price * p.quantity)}</td></tr>`);
      main.innerHTML = `<h1>Your cart</h1><table>${rows.join('')}</table>
        <p class="price">Total ${money(cartTotal(products))}</p>
        <p><a id="go-to-checkout" href="checkout.html">Checkout</a></p>`;
    },
    checkout() {
      const products = cartProducts();
      if (products.length === 0) {
        main.innerHTML = '<h1>Nothing to check out</h1><p><a href="products.html">Back to the shop</a></p>';
        return;
      }
      const value = cartTotal(products);
      footfall('ecommerce.checkoutStarted', { value, revenue: value, currency: CURRENCY, products });
      main.innerHTML = `<h1>Checkout</h1><p class="price">To pay: ${money(value)}</p>
        <form id="checkout-form">
          <label>Name <input name="name" id="name" required autocomplete="name"></label>
          <label>Email <input name="email" id="email" type="email" required autocomplete="email"></label>
          <button type="submit" id="place-order">Place order</button>
        </form>`;
      $('#checkout-form').addEventListener('submit', (event) => {
        event.preventDefault();
        void placeOrder(products, value);
      });
    },
    confirmation() {
      const orderId = sessionStorage.getItem('shop-last-order');
      main.innerHTML = orderId
        ? `<h1>Thank you!</h1><p>Your order <strong id="order-id">${orderId}</strong> is on its way.</p>`
        : '<h1>No recent order</h1>';
    },
  };

  async function placeOrder(products, total) {
    $('#place-order').disabled = true;
    const orderId = `ord-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    footfall('ecommerce.orderCompleted', {
      order_id: orderId,
      revenue: total,
      total,
      currency: CURRENCY,
      products: products.map(({ product_id, sku, name, price, quantity }) => ({ product_id, sku, name, price, quantity })),
    });
    sessionStorage.setItem('shop-last-order', orderId);
    writeCart([]);
    // Send the order before leaving the page, but never hold the shopper hostage
    // to analytics: go on after at most 2 s whatever happens.
    const sent = footfall('flush');
    await Promise.race([sent, new Promise((resolve) => setTimeout(resolve, 2000))]);
    location.href = 'confirmation.html';
  }

  setUpConsent();
  renderCartCount();
  (pages[document.body.dataset.page] || (() => {}))();
})();
