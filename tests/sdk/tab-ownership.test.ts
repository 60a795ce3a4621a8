import { describe, expect, it } from 'vitest';
import { ADOPT_AFTER_MS, createTabIdentity, mayFlush, TAB_KEY, UNLOAD_WINDOW_MS } from '../../sdk/delivery/tab-ownership';
import { toQueued } from '../../sdk/queue/queued-event';
import { SEND_TIMEOUT_MS } from '../../sdk/transport';
import { MemoryStorage } from '../helpers/memory-storage';
import { trackEvent } from '../helpers/sdk-event';

describe('tab identity', () => {
  it('is made once, kept in sessionStorage, and written once per page', () => {
    const storage = new MemoryStorage();
    const tab = createTabIdentity(() => storage);
    const id = tab.id();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect([tab.id(), tab.id()]).toEqual([id, id]);
    expect([storage.getItem(TAB_KEY), storage.writes]).toEqual([id, [TAB_KEY]]);
  });

  it('is the same for the next page of the tab (a reload, a link), from storage', () => {
    const storage = new MemoryStorage();
    storage.setItem(TAB_KEY, 'tab-from-the-last-page');
    expect(createTabIdentity(() => storage).id()).toBe('tab-from-the-last-page');
  });

  it('forget() removes it, and a later id() makes a new one', () => {
    const storage = new MemoryStorage();
    const tab = createTabIdentity(() => storage);
    const first = tab.id();
    tab.forget();
    expect(storage.items.size).toBe(0);
    expect(tab.id()).not.toBe(first);
  });

  it('works in memory where storage throws', () => {
    const tab = createTabIdentity(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const id = tab.id();
    expect(tab.id()).toBe(id);
  });
});

describe('who may flush an event', () => {
  const event = toQueued(trackEvent(1), 'tab-a', 1_000);

  it('its own tab at once; another tab only once it is a minute old', () => {
    expect(mayFlush('tab-a', event, 1_000)).toBe(true);
    expect(mayFlush('tab-b', event, 1_000 + ADOPT_AFTER_MS - 1)).toBe(false);
    expect(mayFlush('tab-b', event, 1_000 + ADOPT_AFTER_MS)).toBe(true);
  });

  it('leaves an unload send the whole send timeout before anyone may adopt its events', () => {
    expect(UNLOAD_WINDOW_MS + SEND_TIMEOUT_MS).toBe(ADOPT_AFTER_MS);
  });
});
