import type { Context } from 'hono';

/** How the runtime tells the address of the peer that opened the connection. */
export type PeerAddress = (c: Context) => string | undefined;

/**
 * The client's address: the connection's peer, or — behind `trustedProxyHops`
 * reverse proxies — the entry that many places from the right of
 * `X-Forwarded-For` (entries further left are client-supplied and can be forged).
 *
 * @param trustedProxyHops - proxies in front of the collector. @default 0
 */
export function clientAddress(c: Context, peer: PeerAddress | undefined, trustedProxyHops: number): string | undefined {
  if (trustedProxyHops > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const fromRight = forwarded[forwarded.length - trustedProxyHops];
    if (fromRight) return fromRight;
  }
  return peer?.(c);
}
