/** Two hex digits of every byte value, made once: ids are made on every `track()`. */
export const HEX = Array.from({ length: 256 }, (_, byte) => (byte + 256).toString(16).slice(1));

/**
 * 32 hex digits in the 8-4-4-4-12 layout of a UUID (slices, not a regular
 * expression: this runs on every `track()`).
 * @param hex exactly 32 lowercase hex digits
 * @returns the dashed UUID
 * @example
 * formatUuid('0'.repeat(32)) // '00000000-0000-0000-0000-000000000000'
 */
export const formatUuid = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/**
 * Bytes as hex, two digits each.
 * @param bytes the bytes
 * @returns e.g. `'00ff'`
 * @example
 * bytesHex(new Uint8Array([0, 255])) // '00ff'
 */
export function bytesHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += HEX[byte];
  return hex;
}
