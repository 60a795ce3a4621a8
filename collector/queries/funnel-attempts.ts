/** How the steps of a funnel must follow each other (CONTRACT §3). */
export type FunnelOrder = 'ordered' | 'strict' | 'any';

/** One event of a person as the funnel sees it. */
export interface FunnelEvent {
  timestamp: number;
  /** Bit k set when the event matches step k. */
  matches: number;
  breakdown: string | null;
}

/** A person's best attempt. */
export interface FunnelAttempt {
  /** Steps reached, 1…K. */
  reached: number;
  /** Time of each reached step (`any`: only the start is meaningful). */
  times: number[];
  breakdown: string | null;
}

/** What decides attempts: step count, window, the step-1 range and the order. */
export interface AttemptRules {
  steps: number;
  windowMs: number;
  from: number;
  to: number;
  order: FunnelOrder;
}

/**
 * The person's best attempt: the one reaching the furthest step, the earliest-starting
 * among those. An attempt starts at each step-1 event in `[from, to)`.
 *
 * @param events the person's events in (stored time, id) order; for `strict`, *all*
 *   their events (non-matching ones have `matches = 0`), since any event in between
 *   breaks the chain
 * @returns undefined when no step-1 event lies in the range
 * @example
 * bestAttempt(events, { steps: 3, windowMs: 7 * 86_400_000, from, to, order: 'ordered' })
 */
export function bestAttempt(events: readonly FunnelEvent[], rules: AttemptRules): FunnelAttempt | undefined {
  let best: FunnelAttempt | undefined;
  for (let start = 0; start < events.length; start++) {
    const first = events[start] as FunnelEvent;
    if ((first.matches & 1) === 0 || first.timestamp < rules.from || first.timestamp >= rules.to) continue;
    const times = rules.order === 'any' ? anyAttempt(events, start, rules) : chainAttempt(events, start, rules);
    if (!best || times.length > best.reached) best = { reached: times.length, times, breakdown: first.breakdown };
    if (best.reached === rules.steps) break;
  }
  return best;
}

/** `ordered` / `strict`: each step the earliest fitting unused event at or after the previous step. */
function chainAttempt(events: readonly FunnelEvent[], start: number, rules: AttemptRules): number[] {
  const used = new Set([start]);
  const deadline = (events[start] as FunnelEvent).timestamp + rules.windowMs;
  const times = [(events[start] as FunnelEvent).timestamp];
  for (let step = 1; step < rules.steps; step++) {
    const previous = times[step - 1] as number;
    const from = lowerBound(events, previous);
    // strict: nothing may lie strictly between, so only the previous step's time and
    // the person's next distinct time are candidates.
    let latest = deadline;
    if (rules.order === 'strict') {
      let next = from;
      while (next < events.length && (events[next] as FunnelEvent).timestamp === previous) next++;
      latest = Math.min(deadline, next < events.length ? (events[next] as FunnelEvent).timestamp : previous);
    }
    const chosen = earliestMatch(events, from, latest, step, used, rules.steps);
    if (chosen === undefined) break;
    used.add(chosen);
    times.push((events[chosen] as FunnelEvent).timestamp);
  }
  return times;
}

/**
 * The earliest unused event matching `step` with time ≤ `latest`. Among events of
 * the same millisecond (which may be taken in either order), the one useful to the
 * fewest later steps is taken, so it does not steal a later step's only event.
 */
function earliestMatch(events: readonly FunnelEvent[], from: number, latest: number, step: number, used: Set<number>, steps: number): number | undefined {
  const bit = 1 << step;
  const laterMask = ((1 << steps) - 1) & ~((bit << 1) - 1);
  let chosen: number | undefined;
  for (let index = from; index < events.length; index++) {
    const event = events[index] as FunnelEvent;
    if (event.timestamp > latest) break;
    if (chosen !== undefined && event.timestamp > (events[chosen] as FunnelEvent).timestamp) break;
    if ((event.matches & bit) === 0 || used.has(index)) continue;
    if (chosen === undefined || popcount(event.matches & laterMask) < popcount((events[chosen] as FunnelEvent).matches & laterMask)) chosen = index;
  }
  return chosen;
}

/** `any`: steps 2…k each matched to a different event within the window (bipartite matching). */
function anyAttempt(events: readonly FunnelEvent[], start: number, rules: AttemptRules): number[] {
  const t1 = (events[start] as FunnelEvent).timestamp;
  const candidates: number[] = [];
  for (let index = lowerBound(events, t1); index < events.length; index++) {
    if ((events[index] as FunnelEvent).timestamp > t1 + rules.windowMs) break;
    if (index !== start) candidates.push(index);
  }
  const owner = new Map<number, number>(); // event index → step it serves
  const times = [t1];
  for (let step = 1; step < rules.steps; step++) {
    if (!augment(step, events, candidates, owner, new Set())) break;
    times.push(t1);
  }
  return times;
}

function augment(step: number, events: readonly FunnelEvent[], candidates: number[], owner: Map<number, number>, seen: Set<number>): boolean {
  for (const index of candidates) {
    if (((events[index] as FunnelEvent).matches & (1 << step)) === 0 || seen.has(index)) continue;
    seen.add(index);
    const current = owner.get(index);
    if (current === undefined || augment(current, events, candidates, owner, seen)) {
      owner.set(index, step);
      return true;
    }
  }
  return false;
}

/** First index whose timestamp is ≥ `time`. */
function lowerBound(events: readonly FunnelEvent[], time: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((events[middle] as FunnelEvent).timestamp < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

function popcount(value: number): number {
  let count = 0;
  for (let rest = value; rest !== 0; rest &= rest - 1) count++;
  return count;
}
