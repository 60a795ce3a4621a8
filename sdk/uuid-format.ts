/**
 * `n` as lowercase hex, zero-padded to `digits`.
 * @param n a non-negative integer below 2^53
 * @param digits width
 * @returns e.g. `hex(255, 4)` → `'00ff'`
 * @example
 * hex(1_700_000_000_123, 12) // '018bcfe5687b'
 */
export const hex = (n: number, digits: number): string => n.toString(16).padStart(digits, '0');

/**
 * 32 hex digits in the 8-4-4-4-12 layout of a UUID.
 * @param digits exactly 32 hex digits
 * @returns the dashed UUID
 * @example
 * formatUuid('0'.repeat(32)) // '00000000-0000-0000-0000-000000000000'
 */
export const formatUuid = (digits: string): string => digits.replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');

/**
 * Bytes as hex, two digits each.
 * @param bytes the bytes
 * @returns e.g. `'00ff10'`
 * @example
 * bytesHex(new Uint8Array([0, 255])) // '00ff'
 */
export const bytesHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => hex(b, 2)).join('');
