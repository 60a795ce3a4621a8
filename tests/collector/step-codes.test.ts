import { describe, expect, it } from 'vitest';
import { MAX_STEP_ID, stepChar, stepId } from '../../collector/identity/step-codes';

describe('step characters', () => {
  it('give every label id up to MAX_STEP_ID its own character, round-tripping past the surrogates', () => {
    for (const id of [1, 2, 0xd800 - 0x20 - 1, 0xd800 - 0x20, 0xd800 - 0x20 + 1, 1_000_000, MAX_STEP_ID]) {
      const char = stepChar(id);
      expect([...char]).toHaveLength(1);
      expect(stepId(char)).toBe(id);
    }
    expect(MAX_STEP_ID).toBe(1_112_031);
  });

  it('share one overflow character past MAX_STEP_ID instead of throwing', () => {
    expect(stepChar(MAX_STEP_ID + 1)).toBe(stepChar(0));
    expect(stepChar(5_000_000)).toBe(' ');
    expect(stepId(stepChar(MAX_STEP_ID + 1))).toBe(0);
  });
});
