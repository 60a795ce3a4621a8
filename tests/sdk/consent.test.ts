import { describe, expect, it } from 'vitest';
import { createConsentGate, gpcSignal, PENDING_LIMIT } from '../../sdk/consent';
import { trackEvent } from '../helpers/sdk-event';

const event = trackEvent;

describe('consent gate', () => {
  it('holds events while pending and releases them in order on grant', () => {
    const gate = createConsentGate({ initial: 'pending', locked: false });
    expect([gate.admit(event(1)), gate.admit(event(2))]).toEqual([false, false]);
    expect(gate.grant()?.map((e) => e.messageId)).toEqual(['m1', 'm2']);
    expect(gate.state).toBe('granted');
    expect(gate.admit(event(3))).toBe(true);
    expect(gate.grant()).toEqual([]);
  });

  it(`keeps only the last ${PENDING_LIMIT} held events`, () => {
    const gate = createConsentGate({ initial: 'pending', locked: false });
    for (let n = 1; n <= 150; n++) gate.admit(event(n));
    const released = gate.grant() ?? [];
    expect(released).toHaveLength(100);
    expect([released[0]?.messageId, released[99]?.messageId]).toEqual(['m51', 'm150']);
  });

  it('drops held events on deny and admits nothing after', () => {
    const gate = createConsentGate({ initial: 'pending', locked: false, limit: 5 });
    gate.admit(event(1));
    gate.deny();
    expect(gate.admit(event(2))).toBe(false);
    expect(gate.state).toBe('denied');
    expect(gate.grant()).toEqual([]);
  });

  it('records category preferences of a grant, and forgets them on deny', () => {
    const gate = createConsentGate({ initial: 'granted', locked: false });
    expect(gate.preferences).toBeUndefined();
    gate.grant(['analytics', 'marketing']);
    expect(gate.preferences).toEqual({ analytics: true, marketing: true });
    gate.deny();
    expect(gate.preferences).toBeUndefined();
  });

  it('stays denied when locked by a GPC signal, whatever the start state or grant', () => {
    const gate = createConsentGate({ initial: 'granted', locked: true });
    expect(gate.state).toBe('denied');
    expect(gate.grant()).toBeUndefined();
    expect(gate.admit(event(1))).toBe(false);
    expect(gate.state).toBe('denied');
  });
});

describe('gpcSignal', () => {
  it('is true only for an explicit globalPrivacyControl === true', () => {
    expect(gpcSignal({ globalPrivacyControl: true })).toBe(true);
    expect(gpcSignal({ globalPrivacyControl: false })).toBe(false);
    expect(gpcSignal({ globalPrivacyControl: 'true' })).toBe(false);
    expect(gpcSignal({})).toBe(false);
    expect(gpcSignal(null)).toBe(false);
  });
});
