/**
 * A track event's revenue (CONTRACT §3): `properties.revenue`, else
 * `properties.total`, else 0. Numbers and numeric strings count; anything else
 * (booleans, objects, `"lots"`) falls through to the next field.
 *
 * @example
 * revenueOf({ revenue: 'lots', total: ' 3 ' }) // 3
 */
export function revenueOf(properties: Record<string, unknown> | null | undefined): number {
  for (const field of ['revenue', 'total']) {
    const amount = amountOf(properties && Object.hasOwn(properties, field) ? properties[field] : undefined);
    if (amount !== undefined) return amount;
  }
  return 0;
}

/**
 * A finite number, or a non-blank string that reads as one (as `Number` reads it).
 *
 * @example
 * amountOf('12.5') // 12.5
 * amountOf(true) // undefined
 */
export function amountOf(value: unknown): number | undefined {
  const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof amount === 'number' && Number.isFinite(amount) ? amount : undefined;
}
