import type { ConsentState, FootfallEvent } from './types.js';

/** How many calls are held while consent is pending; older ones give way. */
export const PENDING_LIMIT = 100;

/** The consent gate between capture and the queue. */
export interface ConsentGate {
  readonly state: ConsentState;
  /** Category preferences given with the last grant, for `context.consent`. */
  readonly preferences: Record<string, boolean> | undefined;
  /** Whether a category was granted; a grant without categories grants them all. */
  allows(category: string): boolean;
  /** Whether the event may go on now; if pending it is held, if denied dropped. */
  admit(event: FootfallEvent): boolean;
  /** Grant and return the held events, oldest first; `undefined` if grant is refused. */
  grant(categories?: readonly string[]): FootfallEvent[] | undefined;
  /** Deny and drop the held events. */
  deny(): void;
}

/** Options of {@link createConsentGate}. */
export interface ConsentGateOptions {
  /** State at start. */
  initial: ConsentState;
  /** When true, the gate stays denied whatever `grant()` says (a GPC signal). */
  locked: boolean;
  /**
   * Held calls kept while pending.
   * @default PENDING_LIMIT (100)
   */
  limit?: number;
}

/**
 * The consent gate. Held events live in memory only, so `pending` leaves no
 * trace if the visitor never answers or declines.
 * @param options start state and lock
 * @returns the gate
 * @example
 * const gate = createConsentGate({ initial: 'pending', locked: false });
 * gate.admit(event); // false: held
 * gate.grant();      // [event]
 */
export function createConsentGate(options: ConsentGateOptions): ConsentGate {
  const limit = options.limit ?? PENDING_LIMIT;
  let state: ConsentState = options.locked ? 'denied' : options.initial;
  let preferences: Record<string, boolean> | undefined;
  let held: FootfallEvent[] = [];
  return {
    get state() {
      return state;
    },
    get preferences() {
      return preferences;
    },
    allows: (category) => state === 'granted' && (!preferences || preferences[category] === true),
    admit(event) {
      if (state === 'granted') return true;
      if (state === 'pending') {
        held.push(event);
        if (held.length > limit) held.shift();
      }
      return false;
    },
    grant(categories) {
      if (options.locked) return undefined;
      state = 'granted';
      if (categories) preferences = Object.fromEntries(categories.map((c) => [c, true]));
      const released = held;
      held = [];
      return released;
    },
    deny() {
      state = 'denied';
      preferences = undefined;
      held = [];
    },
  };
}

/**
 * Whether the browser sends a Global Privacy Control signal
 * (https://privacycg.github.io/gpc-spec/), which counts as a refusal.
 * @param nav the navigator to read
 * @default nav globalThis.navigator
 * @returns true only for an explicit `globalPrivacyControl === true`
 * @example
 * createConsentGate({ initial: 'pending', locked: gpcSignal() });
 */
export function gpcSignal(nav: unknown = globalThis.navigator): boolean {
  return (nav as { globalPrivacyControl?: unknown } | undefined)?.globalPrivacyControl === true;
}
