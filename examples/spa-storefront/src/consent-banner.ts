import type { ConsentState, FootfallClient } from 'footfall';

// The shop remembers the shopper's choice and states it on every visit: Footfall
// itself keeps no record of a decision (a refusal leaves no trace at all).
const KEY = 'spa-shop:consent';

/** The choice made on an earlier visit, else `pending` (nothing is sent until one is made). */
export function rememberedConsent(): ConsentState {
  const choice = localStorage.getItem(KEY);
  return choice === 'granted' || choice === 'denied' ? choice : 'pending';
}

/**
 * Wires the banner: shown until the shopper chooses, and again from "Privacy
 * choices". Accept grants consent (calls held since the page loaded are sent),
 * decline denies it (they are dropped).
 */
export function setUpConsentBanner(footfall: FootfallClient, banner: HTMLElement, reopen: HTMLElement): void {
  const choose = (choice: 'granted' | 'denied') => {
    localStorage.setItem(KEY, choice);
    if (choice === 'granted') footfall.consent.grant();
    else footfall.consent.deny();
    banner.hidden = true;
  };
  banner.querySelector('[data-consent="accept"]')?.addEventListener('click', () => choose('granted'));
  banner.querySelector('[data-consent="decline"]')?.addEventListener('click', () => choose('denied'));
  reopen.addEventListener('click', () => (banner.hidden = false));
  banner.hidden = rememberedConsent() !== 'pending';
}
