import type { FootfallClient } from '../../sdk/types';
import { footfallStorage } from '../helpers/footfall-storage';
import { firedIds, openShop, settle, shopPage, type DeliveryLab, type DeliveryOutcome } from './delivery-lab';

declare const window: Window & { footfall: FootfallClient };

/** How IndexedDB is broken. */
export type IndexedDbBreakage = 'missing' | 'open-fails';

const BREAK: Record<IndexedDbBreakage, string> = {
  // As in some privacy modes and embedded web views.
  missing: 'Object.defineProperty(window, "indexedDB", { get: () => undefined });',
  // As Firefox's private windows did before version 115: open() throws.
  'open-fails': 'IDBFactory.prototype.open = function () { throw new DOMException("blocked by the test", "InvalidStateError"); };',
};

/** The no-IndexedDB outcome, plus whether a database appeared anyway. */
export interface NoIndexedDbOutcome extends DeliveryOutcome {
  storage: Record<string, string>;
}

/** IndexedDB unavailable: events are delivered from memory while the page lives. */
export async function runNoIndexedDb(lab: DeliveryLab, breakage: IndexedDbBreakage): Promise<NoIndexedDbOutcome> {
  const context = await lab.browser.newContext();
  try {
    const page = await openShop(context, shopPage(lab, `/no-idb-${breakage}.html`, { head: `<script>${BREAK[breakage]}</script>` }));
    await page.evaluate(() => Array.from({ length: 10 }, (_, n) => window.footfall.track('Memory Only', { n })));
    await page.evaluate(() => window.footfall.flush());
    const outcome = await settle(lab, `IndexedDB ${breakage}`, await firedIds(page));
    // Look from a page of the same origin where IndexedDB works, to see whether a database appeared.
    lab.site.setPage('/elsewhere.html', '<!doctype html><title>Elsewhere</title>');
    const look = await context.newPage();
    await look.goto(`${lab.site.url}/elsewhere.html`);
    const storage = await footfallStorage(look);
    return { ...outcome, storage };
  } finally {
    await context.close();
  }
}
