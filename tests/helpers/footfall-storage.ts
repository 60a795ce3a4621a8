import type { Page } from 'playwright-core';

/**
 * Everything Footfall left in the page's browser storage: localStorage keys
 * as they are, `session:` sessionStorage keys, `cookie:` cookies and `idb:`
 * IndexedDB databases whose names mention footfall. Empty means no trace.
 * @param page a page on the shop's origin
 * @returns key → value
 * @example
 * expect(await footfallStorage(page)).toEqual({});
 */
export async function footfallStorage(page: Page): Promise<Record<string, string>> {
  const inPage = await page.evaluate(async () => {
    const found: Record<string, string> = {};
    const scan = (storage: Storage, prefix: string) => {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        if (/footfall/i.test(key)) found[prefix + key] = storage.getItem(key) ?? '';
      }
    };
    scan(localStorage, '');
    scan(sessionStorage, 'session:');
    for (const db of await indexedDB.databases()) if (/footfall/i.test(db.name ?? '')) found[`idb:${db.name}`] = '';
    return found;
  });
  for (const cookie of await page.context().cookies()) {
    if (/footfall/i.test(cookie.name)) inPage[`cookie:${cookie.name}`] = cookie.value;
  }
  return inPage;
}
