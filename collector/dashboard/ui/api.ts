import type { AbandonedCart } from '../../queries/abandoned-carts';
import type { AttributionResult } from '../../queries/attribution';
import type { AttributionModel } from '../../queries/attribution-models';
import type { FunnelResult } from '../../queries/funnel';
import type { JourneyResult } from '../../queries/journey';
import type { OverviewResult } from '../../queries/overview';
import type { PeopleSearchResult } from '../../queries/people-search';

export type { AbandonedCart, AttributionModel, AttributionResult, FunnelResult, JourneyResult, OverviewResult, PeopleSearchResult };

/** A funnel as the builder sends it (CONTRACT §3). */
export interface FunnelRequest {
  steps: Array<{ event: string } | { page: string }>;
  window: string;
  order: 'ordered' | 'strict' | 'any';
  breakdown?: string;
  from: string;
  to: string;
}

/** An attribution question (CONTRACT §3). */
export interface AttributionRequest {
  conversion: string;
  model: AttributionModel;
  lookback: string;
  by: 'source' | 'source_medium' | 'campaign';
  from: string;
  to: string;
}

/** A refused request, with the collector's machine-readable code. */
export class RequestFailed extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The query API with the viewer's read key: exactly the answers an analyst's script gets. */
export interface QueryApi {
  overview(range: { from: string; to: string }, utcOffset: number): Promise<OverviewResult>;
  funnel(request: FunnelRequest): Promise<FunnelResult>;
  attribution(request: AttributionRequest): Promise<AttributionResult>;
  abandonedCarts(query: { idle: string; from: string; to: string }): Promise<{ carts: AbandonedCart[] }>;
  searchPeople(search: string): Promise<PeopleSearchResult>;
  /** Null when no one has used the id. */
  journey(id: string): Promise<JourneyResult | null>;
}

/**
 * Calls the collector's query API (same origin) with `Authorization: Bearer`.
 *
 * @param key the read key
 * @param onUnauthorized called on 401/403, so the dashboard asks for a key again
 */
export function createApi(key: string, onUnauthorized: () => void, signal?: AbortSignal): QueryApi {
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const response = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
    const json: unknown = await response.json().catch(() => undefined);
    if (response.ok) return json as T;
    if (response.status === 401 || response.status === 403) onUnauthorized();
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new RequestFailed(response.status, error?.code ?? 'http_error', error?.message ?? `The collector answered ${response.status}.`);
  };
  const query = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  return {
    overview: (range, offset) => call('GET', `/v1/query/overview?${query({ ...range, utcOffset: offset, top: 10 })}`),
    funnel: (request) => call('POST', '/v1/query/funnel', request),
    attribution: (request) => call('POST', '/v1/query/attribution', request),
    abandonedCarts: (params) => call('GET', `/v1/query/abandoned-carts?${query(params)}`),
    searchPeople: (search) => call('GET', `/v1/people?${query({ search })}`),
    journey: async (id) => {
      try {
        return await call<JourneyResult>('GET', `/v1/people/${encodeURIComponent(id)}/journey`);
      } catch (error) {
        if (error instanceof RequestFailed && error.status === 404) return null;
        throw error;
      }
    },
  };
}
