/**
 * Call `callback` whenever the page may be about to go away. `pagehide` is the
 * reliable unload signal (unlike `unload`, it fires on mobile and keeps the
 * back/forward cache usable); `visibilitychange` to hidden is often the last
 * moment a mobile browser gives before killing a background tab.
 * @param callback what to do; it may run twice for one departure
 * @example
 * onPageHide(() => delivery.unload());
 */
export function onPageHide(callback: () => void): void {
  if (typeof document === 'undefined') return;
  addEventListener('pagehide', callback);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && callback());
}
