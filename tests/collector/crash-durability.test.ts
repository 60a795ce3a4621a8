import { describe, expect, it } from 'vitest';
import { runCollectorCrashScenario } from '../scenarios/collector-crash';

/**
 * CONTRACT: "a 200 means every accepted event is durably committed" and "the same
 * messageId under the same write key is stored once, however often it arrives" —
 * proven against the built collector SIGKILLed mid-load and restarted on its file.
 */
describe('the collector killed mid-load', () => {
  it('keeps every acknowledged event and stores each retried one exactly once', async () => {
    const outcome = await runCollectorCrashScenario({ clients: 4, eventsPerClient: 2_000, batchSize: 50 });
    // The kill must have landed mid-load, or the test proves nothing.
    expect(outcome.acknowledgedBeforeKill).toBeGreaterThan(0);
    expect(outcome.acknowledgedBeforeKill).toBeLessThan(8_000);
    expect(outcome.acknowledgedMissing).toEqual([]);
    expect({
      fired: outcome.fired,
      stored: outcome.stored,
      storedTwice: outcome.storedTwice,
      lost: outcome.lost,
      quarantined: outcome.quarantined,
    }).toEqual({ fired: 8_000, stored: 8_000, storedTwice: 0, lost: 0, quarantined: 0 });
  }, 120_000);
});
