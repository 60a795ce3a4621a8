/**
 * Formats rows as a plain aligned text table (numbers right-aligned).
 *
 * @param headers column titles
 * @param rows cells, already in display order
 * @example
 * printTable(['step', 'count'], [['Product Viewed', 120]])
 */
export function printTable(headers: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const cells = rows.map((row) => row.map((cell) => (cell === null ? '—' : String(cell))));
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[], numeric: readonly boolean[]) =>
    row.map((cell, column) => (numeric[column] ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number))).join('  ').trimEnd();
  const numeric = headers.map((_, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number' || row[column] === null));
  return [line(headers, numeric), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map((row) => line(row, numeric))].join('\n') + '\n';
}

/** A ratio as a percentage with one decimal, for tables. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** Milliseconds in the largest unit that keeps the number readable. */
export function humanDuration(ms: number | null): string | null {
  if (ms === null) return null;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)}m`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)}h`;
  return `${(ms / 86_400_000).toFixed(1)}d`;
}
