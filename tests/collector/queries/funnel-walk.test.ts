import { describe, expect, it } from 'vitest';
import { bestAttempt, type AttemptRules, type FunnelEvent } from '../../../collector/queries/funnel-attempts';
import { walkAny, walkOrdered } from '../../../collector/queries/funnel-distinct-steps';
import { append, median, numberList, type NumberList } from '../../../collector/queries/funnel-step-results';
import { seededRandom } from '../../helpers/seeded-random';

const MINUTE = 60_000;

/** A person's times per step, drawn from a few minutes so that equal times and window edges are common. */
function randomSteps(random: () => number, steps: number): number[][] {
  return Array.from({ length: steps }, () => Array.from({ length: Math.floor(random() * 4) }, () => Math.floor(random() * 12) * 5 * MINUTE));
}

function asList(times: readonly number[]): NumberList {
  const list = numberList(1);
  for (const time of [...times].sort((a, b) => a - b)) append(list, time);
  return list;
}

describe('the walk of distinct plain steps', () => {
  for (const order of ['ordered', 'any'] as const) {
    it(`gives bestAttempt's answer, ${order}: equal times, window edges, range edges`, () => {
      const random = seededRandom(order === 'ordered' ? 5 : 6);
      for (let person = 0; person < 3000; person++) {
        const steps = 2 + Math.floor(random() * 3);
        const rules: AttemptRules = { steps, windowMs: (1 + Math.floor(random() * 4)) * 5 * MINUTE, from: 5 * MINUTE, to: 40 * MINUTE, order };
        const times = randomSteps(random, steps);
        const events: FunnelEvent[] = times
          .flatMap((list, step) => list.map((timestamp) => ({ timestamp, matches: 1 << step, breakdown: null })))
          .sort((a, b) => a.timestamp - b.timestamp);
        const expected = bestAttempt(events, rules);
        const walk = { pointers: new Int32Array(steps), attempt: new Float64Array(steps), best: new Float64Array(steps) };
        const lists = times.map(asList);
        const reached = order === 'ordered' ? walkOrdered(lists, rules, walk) : walkAny(lists, rules, walk);
        expect(reached, JSON.stringify({ times, rules })).toBe(expected?.reached ?? 0);
        if (expected) expect([...walk.best.subarray(0, reached)]).toEqual(order === 'any' ? expected.times.map(() => expected.times[0]) : expected.times);
      }
    });
  }
});

describe('median', () => {
  it('matches sorting, odd and even counts, with repeats', () => {
    const random = seededRandom(9);
    for (let round = 0; round < 500; round++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 40) }, () => Math.floor(random() * 8) * 1000);
      const sorted = [...values].sort((a, b) => a - b);
      const middle = sorted.length >> 1;
      const expected = sorted.length % 2 ? sorted[middle] : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
      expect(median(Float64Array.from(values))).toBe(expected);
    }
  });
});
