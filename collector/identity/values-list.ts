import { sql, type SQL } from 'drizzle-orm';

/**
 * A parameterised `VALUES (?, ?), (?, ?)` list, for joining a batch's keys against a
 * table in one statement instead of one query per key.
 *
 * @param rows tuples of bound values (numbers or strings)
 * @example
 * db.all(sql`with v(p, m) as (${valuesList([[1, 0], [2, 5]])}) select * from v`)
 */
export function valuesList(rows: readonly (readonly (number | string | null)[])[]): SQL {
  return sql`values ${sql.join(
    rows.map((row) => sql`(${sql.join(row.map((value) => sql`${value}`), sql`, `)})`),
    sql`, `,
  )}`;
}

/** Splits `items` into arrays of at most `size`, to stay under SQLite's bound-parameter limit. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
