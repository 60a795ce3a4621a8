import { describe, expect, it } from 'vitest';
import { createMemoryQueue } from '../../sdk/memory-queue';
import type { FootfallEvent } from '../../sdk/types';

const event = (n: number) => ({ messageId: `m${n}` }) as FootfallEvent;
const ids = (events: FootfallEvent[]) => events.map((e) => e.messageId);

describe('memory queue', () => {
  it('takes from the front and puts failed events back at the front', () => {
    const queue = createMemoryQueue();
    [1, 2, 3].forEach((n) => queue.push(event(n)));
    const taken = queue.take(2);
    expect(ids(taken)).toEqual(['m1', 'm2']);
    queue.push(event(4));
    queue.putBack(taken);
    expect(ids(queue.take(10))).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('drops the oldest events beyond its limit', () => {
    const queue = createMemoryQueue(3);
    [1, 2, 3, 4].forEach((n) => queue.push(event(n)));
    queue.putBack([event(0)]);
    expect(queue.size).toBe(3);
    expect(ids(queue.take(10))).toEqual(['m2', 'm3', 'm4']);
  });
});
