/** Ingestion limits (CONTRACT §2). */
export const LIMITS = {
  /** One event, serialised as JSON. */
  eventBytes: 32 * 1024,
  /** One request body, after inflating. */
  requestBytes: 500 * 1024,
  /** Levels of nested objects and arrays in one event (the event itself is level 1). */
  nestingDepth: 64,
  /** Events in one batch. */
  batchEvents: 2_500,
} as const;
