import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHeapMode } from '../../collector/node/lean-heap';

const fixture = fileURLToPath(new URL('./fixtures/young-generation-peak.ts', import.meta.url));
const MB = 1024 * 1024;

/** The fixture's young-generation peak in a fresh process, with or without the lean heap. */
function youngPeak(mode: 'lean' | 'v8'): number {
  return Number(execFileSync(process.execPath, ['--import', 'tsx', fixture, mode], { encoding: 'utf8', timeout: 30_000 }));
}

describe('lean heap (FOOTFALL_HEAP)', () => {
  it('stops the young generation at 16 MB, where V8 alone lets it grow past', () => {
    // Control: the same churn under V8's defaults grows past the cap, so the
    // lean run's figure is the lean heap's doing.
    expect(youngPeak('v8')).toBeGreaterThan(16 * MB);
    expect(youngPeak('lean')).toBeLessThanOrEqual(16 * MB);
  }, 60_000);

  it('reads FOOTFALL_HEAP: lean by default, v8 to leave V8 alone, anything else refused', () => {
    expect(parseHeapMode(undefined)).toBe('lean');
    expect(parseHeapMode(' LEAN ')).toBe('lean');
    expect(parseHeapMode('v8')).toBe('v8');
    expect(() => parseHeapMode('small')).toThrow('FOOTFALL_HEAP must be "lean" or "v8", got "small"');
  });
});
