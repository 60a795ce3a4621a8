import { describe, expect, it } from 'vitest';
import { SESSION_IDLE_MS, SESSION_MAX_MS, nextSession, readSession } from '../../sdk/session';

let n = 0;
const newId = () => `s${++n}`;

describe('nextSession', () => {
  it('keeps the session within 30 minutes of inactivity, and starts a new one after', () => {
    const first = nextSession(undefined, 0, undefined, newId);
    const same = nextSession(first, SESSION_IDLE_MS, undefined, newId);
    expect(same.id).toBe(first.id);
    expect(nextSession(same, 2 * SESSION_IDLE_MS + 1, undefined, newId).id).not.toBe(first.id);
  });

  it('starts a new session after 24 hours however active the visitor is', () => {
    let session = nextSession(undefined, 0, undefined, newId);
    const first = session.id;
    for (let t = 0; t <= SESSION_MAX_MS; t += SESSION_IDLE_MS / 2) session = nextSession(session, t, undefined, newId);
    expect(session.id).toBe(first);
    expect(nextSession(session, SESSION_MAX_MS + 1, undefined, newId).id).not.toBe(first);
  });

  it('starts a new session when an event carries a different campaign, not when it carries none', () => {
    const news = nextSession(undefined, 0, 'news|email|spring', newId);
    expect(nextSession(news, 1000, undefined, newId).id).toBe(news.id);
    expect(nextSession(news, 1000, 'news|email|spring', newId).id).toBe(news.id);
    expect(nextSession(news, 1000, 'ads|cpc|spring', newId).id).not.toBe(news.id);
    const direct = nextSession(undefined, 0, undefined, newId);
    expect(nextSession(direct, 1000, 'news|email|spring', newId).id).not.toBe(direct.id);
  });

  it('reads back what it stored, and nothing from garbage', () => {
    const session = nextSession(undefined, 5, undefined, newId);
    expect(readSession(JSON.stringify(session))).toEqual(session);
    expect(readSession(session)).toBe(session); // the state store holds the object once set
    expect([readSession(undefined), readSession('{'), readSession('{"id":1}')]).toEqual([undefined, undefined, undefined]);
  });
});
