type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep-merges a batch's shared `context` under an event's own: the event's values
 * win, nested objects (`library`, `page`, …) merge key by key.
 *
 * Keys are defined, not assigned, so a `__proto__` key from a client stays a plain
 * data key and can never reach an object's prototype.
 */
export function mergeContext(batchContext: unknown, eventContext: unknown): JsonObject | undefined {
  if (!isJsonObject(batchContext)) return isJsonObject(eventContext) ? eventContext : undefined;
  if (!isJsonObject(eventContext)) return batchContext;
  return deepMerge(batchContext, eventContext);
}

function deepMerge(base: JsonObject, override: JsonObject): JsonObject {
  const merged: JsonObject = {};
  for (const [key, value] of Object.entries(base)) define(merged, key, value);
  for (const [key, value] of Object.entries(override)) {
    const current = Object.hasOwn(merged, key) ? merged[key] : undefined;
    define(merged, key, isJsonObject(current) && isJsonObject(value) ? deepMerge(current, value) : value);
  }
  return merged;
}

function define(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
