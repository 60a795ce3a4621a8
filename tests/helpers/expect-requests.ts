import type { CapturedRequest, RequestLog } from './request-capture';

/**
 * A test on a captured request: a predicate, or a pattern its parsed body must
 * contain (see {@link containsPattern}).
 */
export type RequestMatcher = ((request: CapturedRequest) => boolean) | Record<string, unknown>;

/** Options of {@link expectRequestsInAction}. */
export interface InActionOptions {
  /** Each must match at least one request made during the action. */
  expected?: RequestMatcher[];
  /** None may match a request made during the action; `'any'`: no request at all. */
  refuted?: RequestMatcher[] | 'any';
  /**
   * How long to wait for the expected requests (ms).
   * @default 5000
   */
  timeoutMs?: number;
  /**
   * How long to keep watching for refuted requests after the action (ms).
   * @default 1000 when something is refuted, else 0
   */
  settleMs?: number;
}

/**
 * Run `action` and check the requests it causes: every expected matcher is
 * met (waiting up to `timeoutMs`) and, `settleMs` later, no refuted one is.
 * After plausible's `expectPlausibleInAction`.
 * @param log where requests are recorded (a recording proxy)
 * @param action what the user does
 * @param options expected and refuted requests
 * @returns the requests made during the action and the settle time
 * @example
 * await expectRequestsInAction(proxy, () => page.click('#consent-decline'), { refuted: 'any' });
 */
export async function expectRequestsInAction(
  log: RequestLog,
  action: () => Promise<unknown>,
  options: InActionOptions,
): Promise<CapturedRequest[]> {
  const { expected = [], refuted = [], timeoutMs = 5000 } = options;
  const settleMs = options.settleMs ?? (refuted === 'any' || refuted.length > 0 ? 1000 : 0);
  const start = log.requests.length;
  const made = () => log.requests.slice(start);
  await action();
  const deadline = Date.now() + timeoutMs;
  let missing = expected;
  for (;;) {
    missing = missing.filter((m) => !made().some((r) => satisfies(r, m)));
    if (missing.length === 0 || Date.now() >= deadline) break;
    await sleep(50);
  }
  if (missing.length > 0) {
    throw new Error(`expected request(s) not made: ${show(missing)}\nmade: ${show(made())}`);
  }
  await sleep(settleMs);
  const offending = made().filter((r) => refuted === 'any' || refuted.some((m) => satisfies(r, m)));
  if (offending.length > 0) throw new Error(`refuted request(s) made: ${show(offending)}`);
  return made();
}

function satisfies(request: CapturedRequest, matcher: RequestMatcher): boolean {
  return typeof matcher === 'function' ? matcher(request) : containsPattern(request.body, matcher);
}

/**
 * Whether `actual` contains `pattern`: objects key by key (extra keys allowed),
 * arrays by "every pattern element is contained in some element", other values
 * by `Object.is`.
 * @param actual e.g. a batch body
 * @param pattern e.g. `{ batch: [{ type: 'page' }] }`
 * @returns true when every part of the pattern is found
 * @example
 * containsPattern({ batch: [{ type: 'page', name: 'Home' }] }, { batch: [{ type: 'page' }] }) // true
 */
export function containsPattern(actual: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    return Array.isArray(actual) && pattern.every((p) => actual.some((a) => containsPattern(a, p)));
  }
  if (pattern !== null && typeof pattern === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    const record = actual as Record<string, unknown>;
    return Object.entries(pattern).every(([key, value]) => containsPattern(record[key], value));
  }
  return Object.is(actual, pattern);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'function' ? `[predicate ${v.name || 'anonymous'}]` : v), 2);
}
