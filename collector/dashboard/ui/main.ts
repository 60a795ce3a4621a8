import { createApi } from './api';
import { localDay, rangeOf } from './date-range';
import { errorLine, h, replace } from './dom';
import { forgetReadKey, rememberReadKey, takeReadKey } from './read-key';
import { currentRoute, hrefOf, replaceParams, VIEWS, type ViewName } from './route';
import type { View } from './view-context';
import { attributionView } from './views/attribution-view';
import { cartsView } from './views/carts-view';
import { funnelView } from './views/funnel-view';
import { journeyView } from './views/journey-view';
import { liveView } from './views/live-view';
import { overviewView } from './views/overview-view';

const PAGES: Record<ViewName, { title: string; view: View; ranged: boolean }> = {
  overview: { title: 'Overview', view: overviewView, ranged: true },
  funnel: { title: 'Funnel', view: funnelView, ranged: true },
  journey: { title: 'Journey', view: journeyView, ranged: false },
  attribution: { title: 'Attribution', view: attributionView, ranged: true },
  carts: { title: 'Abandoned carts', view: cartsView, ranged: true },
  live: { title: 'Live', view: liveView, ranged: false },
};

let current: AbortController | undefined;

/** Draws the page the location names, leaving the previous one (its requests and streams end). */
async function render(key: string): Promise<void> {
  current?.abort();
  const controller = (current = new AbortController());
  const route = currentRoute();
  const range = rangeOf(route);
  const page = PAGES[route.view];
  const onUnauthorized = () => {
    controller.abort();
    forgetReadKey();
    askForKey('The collector refused this key: a read key is needed.');
  };
  const root = h('main', { id: 'view', 'data-view': route.view, 'aria-busy': 'true' });
  replace(document.body, header(route.view, range, page.ranged), root);
  document.title = `${page.title} · Footfall`;
  try {
    await page.view({ api: createApi(key, onUnauthorized, controller.signal), key, route, range, root, signal: controller.signal, onUnauthorized });
  } catch (error) {
    if (controller.signal.aborted) return;
    replace(root, errorLine(error));
  } finally {
    if (!controller.signal.aborted) root.setAttribute('aria-busy', 'false');
  }
}

function header(active: ViewName, range: { from: string; to: string }, ranged: boolean): HTMLElement {
  const route = currentRoute();
  // Views share the range, not their own settings.
  const shared = new URLSearchParams([...route.params].filter(([name]) => name === 'from' || name === 'to'));
  const dateInput = (name: 'from' | 'to', value: string) =>
    h('input', {
      type: 'date',
      name,
      value,
      max: localDay(Date.now()),
      'aria-label': name === 'from' ? 'From' : 'To',
      onchange: (event) => {
        replaceParams(route, { [name]: (event.target as HTMLInputElement).value });
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      },
    });
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', href: '#overview' }, 'Footfall'),
    h('nav', {}, VIEWS.map((view) => h('a', { href: hrefOf(view, shared), class: view === active ? 'active' : '', 'data-nav': view }, PAGES[view].title))),
    ranged ? h('div', { class: 'range' }, dateInput('from', range.from), '–', dateInput('to', range.to)) : null,
    h('button', { type: 'button', class: 'link', onclick: () => (forgetReadKey(), askForKey()) }, 'Sign out'),
  );
}

function askForKey(message?: string): void {
  current?.abort();
  const input = h('input', { type: 'password', name: 'key', autocomplete: 'off', required: true, placeholder: 'read key', 'aria-label': 'Read key' });
  const form = h(
    'form',
    { class: 'panel sign-in' },
    h('h1', {}, 'Footfall'),
    h('p', {}, 'Enter a read key (FOOTFALL_READ_KEYS; the development default is dev_read_key).'),
    message ? h('p', { class: 'error', role: 'alert' }, message) : null,
    input,
    h('button', { type: 'submit' }, 'Open the dashboard'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    rememberReadKey(input.value.trim());
    start();
  });
  replace(document.body, form);
  input.focus();
}

function start(): void {
  const key = takeReadKey();
  if (!key) return askForKey();
  window.onhashchange = () => void render(key);
  void render(key);
}

start();
