import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app';
import { ask, loadFixture, type Fixture } from './fixture';
import { ingest } from './ingest-helpers';
import { T0 } from './seeded-events';
import type { StoredEvent } from './stored-rows';

type Step = { event?: string; page?: string; where?: Record<string, string | number> };
type Order = 'ordered' | 'strict' | 'any';

function matches(step: Step, e: StoredEvent): boolean {
  if (step.page !== undefined) {
    if (e.type !== 'page' || (e.context?.['page'] as any)?.path !== step.page) return false;
  } else if (e.event !== step.event) return false;
  return Object.entries(step.where ?? {}).every(([path, value]) => {
    const [root, ...rest] = path.split('.');
    let current: any = root === 'properties' ? e.properties : e.context;
    for (const key of rest) current = current?.[key];
    return current === value;
  });
}

/** The contract's funnel, written out plainly: every attempt tried, step by step. */
function expectedFunnel(byPerson: Map<string, StoredEvent[]>, steps: Step[], window: number, from: number, to: number, order: Order, breakdown?: string) {
  const best: { reached: number; times: number[]; breakdown: string }[] = [];
  for (const events of byPerson.values()) {
    const inRange = events.filter((e) => e.timestamp >= from && e.timestamp < to + window);
    let top: { reached: number; times: number[]; breakdown: string } | undefined;
    inRange.forEach((first, i) => {
      if (!matches(steps[0]!, first) || first.timestamp < from || first.timestamp >= to) return;
      const used = new Set([i]);
      const times = [first.timestamp];
      for (let k = 1; k < steps.length; k++) {
        let found = -1;
        for (let j = 0; j < inRange.length; j++) {
          const e = inRange[j]!;
          if (used.has(j) || !matches(steps[k]!, e) || e.timestamp > first.timestamp + window) continue;
          if (order === 'any') {
            if (e.timestamp < first.timestamp) continue;
          } else {
            const prev = times[k - 1]!;
            if (e.timestamp < prev) continue;
            if (order === 'strict' && events.some((x) => x.timestamp > prev && x.timestamp < e.timestamp)) continue;
          }
          if (found === -1 || e.timestamp < inRange[found]!.timestamp) found = j;
        }
        if (found === -1) break;
        used.add(found);
        times.push(inRange[found]!.timestamp);
      }
      const value = breakdown === 'context.campaign.source' ? first.campaignSource : breakdown ? (first.properties?.[breakdown.split('.')[1]!] as string | undefined) : undefined;
      if (!top || times.length > top.reached) top = { reached: times.length, times, breakdown: value == null ? '(none)' : String(value) };
    });
    if (top) best.push(top);
  }
  const stepsOf = (group: typeof best) => {
    const counts = steps.map((_, k) => group.filter((b) => b.reached > k).length);
    return steps.map((step, k) => {
      const gaps = group.filter((b) => b.reached > k && k > 0).map((b) => b.times[k]! - b.times[k - 1]!).sort((a, b) => a - b);
      const mid = gaps.length >> 1;
      const median = gaps.length === 0 || order === 'any' ? null : gaps.length % 2 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
      return {
        label: step.event ?? step.page!,
        count: counts[k]!,
        conversionFromStart: counts[0] ? counts[k]! / counts[0] : 0,
        conversionFromPrevious: (k === 0 ? counts[0] : counts[k - 1]) ? counts[k]! / (k === 0 ? counts[0]! : counts[k - 1]!) : 0,
        medianTimeFromPreviousMs: median,
      };
    });
  };
  const values = [...new Set(best.map((b) => b.breakdown))];
  const groups = breakdown
    ? values
        .map((value) => ({ value, steps: stepsOf(best.filter((b) => b.breakdown === value)) }))
        .sort((a, b) => b.steps[0]!.count - a.steps[0]!.count || (a.value < b.value ? -1 : 1))
    : [];
  return { steps: stepsOf(best), breakdown: groups };
}

const DAY = 86_400_000;
const FOUR = [{ event: 'Product Viewed' }, { event: 'Product Added' }, { event: 'Checkout Started' }, { event: 'Order Completed' }];

describe('POST /v1/query/funnel', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await loadFixture(42, 150);
  });

  const cases: { name: string; steps: Step[]; window: number; order: Order; breakdown?: string; from: number; to: number }[] = [
    { name: '4 steps ordered, 7d', steps: FOUR, window: 7 * DAY, order: 'ordered', from: T0, to: T0 + 30 * DAY },
    { name: '4 steps strict', steps: FOUR, window: 7 * DAY, order: 'strict', from: T0, to: T0 + 30 * DAY },
    { name: '4 steps any', steps: FOUR, window: 7 * DAY, order: 'any', from: T0, to: T0 + 30 * DAY },
    { name: 'short window, narrow range', steps: FOUR.slice(0, 3), window: 5 * 60_000, order: 'ordered', from: T0 + 3 * DAY, to: T0 + 12 * DAY },
    { name: 'window edge: exactly 40 minutes', steps: FOUR.slice(0, 2), window: 40 * 60_000, order: 'ordered', from: T0, to: T0 + 30 * DAY },
    { name: 'breakdown by campaign source', steps: FOUR, window: 3 * DAY, order: 'ordered', breakdown: 'context.campaign.source', from: T0, to: T0 + 30 * DAY },
    { name: 'plain names out of shop order (equal times allowed)', steps: [{ event: 'Product Added' }, { event: 'Product Viewed' }, { event: 'Order Completed' }], window: 2 * DAY, order: 'ordered', from: T0, to: T0 + 30 * DAY },
    { name: 'window edge: exactly 2 days, narrow range', steps: FOUR, window: 2 * DAY, order: 'ordered', from: T0 + 5 * DAY, to: T0 + 9 * DAY },
    { name: '3 steps any, window edge: exactly 40 minutes', steps: [FOUR[0]!, FOUR[2]!, FOUR[1]!], window: 40 * 60_000, order: 'any', from: T0 + 2 * DAY, to: T0 + 20 * DAY },
    { name: 'a repeated plain name (general path), ordered', steps: [FOUR[0]!, FOUR[1]!, FOUR[0]!, FOUR[1]!], window: DAY, order: 'ordered', from: T0, to: T0 + 30 * DAY },
    { name: 'a repeated plain name (general path), any', steps: [FOUR[1]!, FOUR[0]!, FOUR[1]!], window: DAY, order: 'any', from: T0, to: T0 + 30 * DAY },
    { name: 'where filter and page step', steps: [{ page: '/cart' }, { event: 'Product Viewed', where: { 'properties.category': 'shoes' } }, { event: 'Product Added' }], window: DAY, order: 'ordered', breakdown: 'properties.category', from: T0, to: T0 + 30 * DAY },
  ];
  for (const c of cases) {
    it(`matches the plain computation: ${c.name}`, async () => {
      const body = { steps: c.steps, window: c.window, order: c.order, from: new Date(c.from).toISOString(), to: new Date(c.to).toISOString(), ...(c.breakdown ? { breakdown: c.breakdown } : {}) };
      const response = await ask(f.t, 'POST', '/v1/query/funnel', body);
      expect(response.status).toBe(200);
      const expected = expectedFunnel(f.byPerson, c.steps, c.window, c.from, c.to, c.order, c.breakdown);
      expect(expected.steps[1]!.count).toBeGreaterThan(0);
      expect(response.body).toEqual(expected);
    });
  }

  it('needs a different event for each step, and takes equal times in either order', async () => {
    const t = await createTestApp();
    const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();
    await ingest(t.app, [
      { type: 'track', messageId: 'a', anonymousId: 'x', event: 'Product Viewed', timestamp: at(0) },
      { type: 'track', messageId: 'b', anonymousId: 'x', event: 'Product Added', timestamp: at(0) },
      { type: 'track', messageId: 'c', anonymousId: 'y', event: 'Product Viewed', timestamp: at(0) },
      { type: 'track', messageId: 'd', anonymousId: 'z', event: 'Product Viewed', timestamp: at(0) },
      { type: 'track', messageId: 'e', anonymousId: 'z', event: 'Product Viewed', timestamp: at(10) },
    ]);
    const twice = await ask(t, 'POST', '/v1/query/funnel', { steps: [{ event: 'Product Viewed' }, { event: 'Product Viewed' }], window: '1h' });
    expect(twice.body.steps.map((s: any) => s.count)).toEqual([3, 1]);
    const same = await ask(t, 'POST', '/v1/query/funnel', { steps: [{ event: 'Product Viewed' }, { event: 'Product Added' }], window: '1h', order: 'strict' });
    expect(same.body.steps.map((s: any) => s.count)).toEqual([3, 1]);
    expect(same.body.steps[1].medianTimeFromPreviousMs).toBe(0);
  });

  it('answers 400 naming the bad field', async () => {
    const t = await createTestApp();
    const bad = await ask(t, 'POST', '/v1/query/funnel', { steps: [{ event: 'A' }, { event: 'B' }], window: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ success: false, error: { code: 'invalid_query', message: expect.stringContaining('window') } });
    const one = await ask(t, 'POST', '/v1/query/funnel', { steps: [{ event: 'A' }] });
    expect(one.body.error.message).toMatch(/^steps/);
    const order = await ask(t, 'POST', '/v1/query/funnel', { steps: [{ event: 'A' }, { event: 'B' }], order: 'sideways' });
    expect(order.body.error.message).toMatch(/^order/);
    const where = await ask(t, 'POST', '/v1/query/funnel', { steps: [{ event: 'A', where: { 'x.y': 1 } }, { event: 'B' }] });
    expect(where.body.error.message).toMatch(/^steps\.0\.where/);
  });

  it('refuses missing and wrong keys', async () => {
    const t = await createTestApp();
    const none = await t.app.request('/v1/query/funnel', { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    expect((await ask(t, 'POST', '/v1/query/funnel', {}, 'dev_write_key')).status).toBe(403);
    expect((await ask(t, 'POST', '/v1/query/funnel', {}, 'nope')).status).toBe(401);
  });
});
