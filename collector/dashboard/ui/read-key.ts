const STORAGE_KEY = 'footfall-dashboard:read-key';

/**
 * The read key the viewer gave: from a `#key=…` link once (the fragment never
 * reaches a server or its logs), then from sessionStorage, so it is forgotten
 * when the tab closes.
 */
export function takeReadKey(): string | undefined {
  const fromLink = /^#key=([^&]+)/.exec(location.hash)?.[1];
  if (fromLink) {
    sessionStorage.setItem(STORAGE_KEY, decodeURIComponent(fromLink));
    history.replaceState(null, '', `${location.pathname}${location.search}#overview`);
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
}

export function rememberReadKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
}

export function forgetReadKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
