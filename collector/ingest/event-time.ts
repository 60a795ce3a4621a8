/**
 * The stored time of an event in epoch ms (CONTRACT §2): `receivedAt − (sentAt −
 * timestamp)` when both client times are known, which cancels a wrong client clock;
 * else the client's `timestamp`; else the time the collector received it.
 *
 * @example
 * // The client's clock is 1 h fast: it says sentAt 13:00:05 for an event at 13:00:00,
 * // received at 12:00:05 → stored at 12:00:00.
 * storedEventTime({ timestamp: '…T13:00:00Z', sentAt: '…T13:00:05Z', receivedAt })
 */
export function storedEventTime(times: { timestamp?: string | undefined; sentAt?: string | undefined; receivedAt: number }): number {
  const timestamp = times.timestamp === undefined ? Number.NaN : Date.parse(times.timestamp);
  const sentAt = times.sentAt === undefined ? Number.NaN : Date.parse(times.sentAt);
  if (Number.isFinite(timestamp) && Number.isFinite(sentAt)) return times.receivedAt - (sentAt - timestamp);
  if (Number.isFinite(timestamp)) return timestamp;
  return times.receivedAt;
}
