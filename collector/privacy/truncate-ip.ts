/** How client addresses are stored: truncated (default), in full, or not at all. */
export type IpPolicy = 'truncate' | 'full' | 'drop';

/**
 * Applies the IP policy to an address. Truncation keeps the network, not the host
 * (IPv4 /24, IPv6 /48), which is enough for coarse geography and abuse analysis
 * while no longer identifying a household.
 *
 * @returns the address to store, or null when it is dropped or not an IP address.
 * @example
 * applyIpPolicy('203.0.113.77', 'truncate') // '203.0.113.0'
 * applyIpPolicy('2001:db8:85a3::8a2e:370:7334', 'truncate') // '2001:db8:85a3::'
 */
export function applyIpPolicy(address: string | undefined, policy: IpPolicy): string | null {
  if (!address || policy === 'drop') return null;
  const trimmed = address.trim().replace(/^\[|\]$/g, '');
  const v4 = parseIpv4(trimmed.replace(/^::ffff:/i, ''));
  if (v4) return policy === 'full' ? v4.join('.') : `${v4[0]}.${v4[1]}.${v4[2]}.0`;
  const v6 = parseIpv6(trimmed);
  if (!v6) return null;
  if (policy === 'full') return formatIpv6(v6);
  return formatIpv6([v6[0]!, v6[1]!, v6[2]!, 0, 0, 0, 0, 0]);
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
  const octets = parts.map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

/** Eight 16-bit groups, or undefined. Zone ids (`%eth0`) are dropped. */
function parseIpv6(text: string): number[] | undefined {
  const address = text.split('%')[0]!;
  if (!/^[0-9a-f:]+$/i.test(address) || address.split('::').length > 2) return undefined;
  const [head, tail] = address.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  return groups.map((group) => parseInt(group, 16));
}

/** RFC 5952 text: lower case, the longest run of two or more zero groups as `::`. */
function formatIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) [bestStart, bestLength] = [start, end - start];
    start = end === start ? start + 1 : end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
