/** Standard Webhooks asks for 24 to 64 random bytes; fewer than 16 is refused. */
const MIN_KEY_BYTES = 16;

/**
 * The signing key a `FOOTFALL_WEBHOOK_SECRET` names. `whsec_<base64>` (the Standard
 * Webhooks form, which its libraries read) is the base64-decoded bytes; any other
 * string is its UTF-8 bytes.
 *
 * @throws when the key is shorter than 16 bytes, or `whsec_` is followed by no base64
 * @example
 * webhookKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') // 24 bytes
 */
export function webhookKey(secret: string): Uint8Array<ArrayBuffer> {
  let key: Uint8Array<ArrayBuffer>;
  if (secret.startsWith('whsec_')) {
    try {
      key = Uint8Array.from(atob(secret.slice('whsec_'.length)), (char) => char.charCodeAt(0));
    } catch {
      throw new Error('FOOTFALL_WEBHOOK_SECRET: after "whsec_" comes the key in base64');
    }
  } else {
    key = new TextEncoder().encode(secret);
  }
  if (key.length < MIN_KEY_BYTES) throw new Error(`FOOTFALL_WEBHOOK_SECRET must hold at least ${MIN_KEY_BYTES} bytes (Standard Webhooks: 24 to 64 random bytes)`);
  return key;
}

/**
 * A Standard Webhooks signer: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`,
 * through Web Crypto, so the same code signs on Node and on edge runtimes.
 *
 * @param key from {@link webhookKey}
 * @returns sign(id, unix seconds, body) → the `webhook-signature` header value
 * @example
 * const sign = webhookSigner(webhookKey(secret));
 * headers['webhook-signature'] = await sign('msg_1', 1795000000, body);
 */
export function webhookSigner(key: Uint8Array<ArrayBuffer>): (id: string, timestamp: number, body: string) => Promise<string> {
  const imported = crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const encoder = new TextEncoder();
  return async (id, timestamp, body) => {
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await imported, encoder.encode(`${id}.${timestamp}.${body}`)));
    return `v1,${btoa(String.fromCharCode(...mac))}`;
  };
}
