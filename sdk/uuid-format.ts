/**
 * A number as hex digits, zero-padded.
 * @param value a non-negative integer below 2^53
 * @param digits how many digits at least
 * @returns e.g. `'00ff'`
 * @example
 * hex(255, 4) // '00ff'
 */
export const hex = (value: number, digits: number): string => value.toString(16).padStart(digits, '0');

/**
 * 32 hex digits in the 8-4-4-4-12 layout of a UUID (slices, not a regular
 * expression: this runs on every `track()`).
 * @param digits exactly 32 lowercase hex digits
 * @returns the dashed UUID
 * @example
 * formatUuid('0'.repeat(32)) // '00000000-0000-0000-0000-000000000000'
 */
export const formatUuid = (digits: string): string =>
  `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;

/**
 * Four bytes as one unsigned 32-bit number, big-endian.
 * @param bytes the bytes
 * @param at index of the first
 * @returns 0 … 2^32 - 1
 * @example
 * uint32(new Uint8Array([0, 0, 1, 0]), 0) // 256
 */
export const uint32 = (bytes: Uint8Array, at: number): number =>
  ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
