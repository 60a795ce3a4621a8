/**
 * A conversion's `properties.revenue` and `properties.total` as SQLite reads them:
 * `json_type` (null when the key is absent) and `json_extract` of each. Reports
 * group by these instead of fetching whole `properties` objects.
 */
export interface RevenueFields {
  rt: string | null;
  rv: unknown;
  tt: string | null;
  tv: unknown;
}

/**
 * `properties.revenue`, else `properties.total`, else 0 (numbers or numeric strings),
 * from the fields SQLite extracted.
 *
 * @example
 * revenueOfFields({ rt: 'text', rv: '12.5', tt: null, tv: null }) // 12.5
 */
export function revenueOfFields(fields: RevenueFields): number {
  for (const [type, value] of [[fields.rt, fields.rv], [fields.tt, fields.tv]] as const) {
    // json_extract gives JSON true/false as 1/0: only numbers and strings count.
    const raw = type === 'integer' || type === 'real' ? Number(value) : type === 'text' ? String(value) : undefined;
    const amount = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof amount === 'number' && Number.isFinite(amount)) return amount;
  }
  return 0;
}

