/** The six attribution models of CONTRACT §3. */
export const ATTRIBUTION_MODELS = ['first_touch', 'last_touch', 'last_non_direct', 'linear', 'position_based', 'time_decay'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/** A campaign touch before a conversion. */
export interface Touch {
  timestamp: number;
  source: string;
  key: string;
}

const HALF_LIFE_MS = 7 * 86_400_000;

/** What a conversion without (non-direct) touches is credited to. */
export const DIRECT = '(direct)';

/**
 * Splits one conversion's credit among its touches.
 *
 * @param touches the person's touches within the lookback, in time order
 * @param conversionTime stored time of the conversion (for `time_decay` ages)
 * @returns key → share; shares sum to 1
 * @example
 * creditShares('position_based', touches, at) // 40% first, 40% last, 20% shared by the middle
 */
export function creditShares(model: AttributionModel, touches: readonly Touch[], conversionTime: number): Map<string, number> {
  const shares = new Map<string, number>();
  const give = (key: string, share: number): void => void shares.set(key, (shares.get(key) ?? 0) + share);
  if (model === 'last_non_direct') {
    const last = touches.filter((touch) => touch.source !== 'direct').at(-1);
    give(last ? last.key : DIRECT, 1);
    return shares;
  }
  if (touches.length === 0) {
    give(DIRECT, 1);
    return shares;
  }
  const weights = weightsOf(model, touches, conversionTime);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  touches.forEach((touch, index) => {
    if (weights[index]) give(touch.key, (weights[index] as number) / total);
  });
  return shares;
}

function weightsOf(model: Exclude<AttributionModel, 'last_non_direct'>, touches: readonly Touch[], conversionTime: number): number[] {
  const n = touches.length;
  switch (model) {
    case 'first_touch':
      return touches.map((_, index) => (index === 0 ? 1 : 0));
    case 'last_touch':
      return touches.map((_, index) => (index === n - 1 ? 1 : 0));
    case 'linear':
      return touches.map(() => 1);
    case 'position_based':
      if (n <= 2) return touches.map(() => 1);
      return touches.map((_, index) => (index === 0 || index === n - 1 ? 0.4 : 0.2 / (n - 2)));
    case 'time_decay':
      return touches.map((touch) => 2 ** (-(conversionTime - touch.timestamp) / HALF_LIFE_MS));
  }
}
