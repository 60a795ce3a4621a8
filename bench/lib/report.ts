/** One benchmark figure beside its target. */
export interface BenchRow {
  figure: string;
  value: number;
  unit: string;
  /** e.g. `>= 15000`; absent for figures reported without a target. */
  target?: { op: '>=' | '<='; value: number };
}

/** Prints rows as a table with a pass/fail column, and returns whether all targets held. */
export function printTable(title: string, rows: BenchRow[]): boolean {
  console.log(`\n${title}`);
  const lines = rows.map((row) => {
    const met = row.target ? (row.target.op === '>=' ? row.value >= row.target.value : row.value <= row.target.value) : undefined;
    return {
      figure: row.figure,
      value: `${format(row.value)} ${row.unit}`,
      target: row.target ? `${row.target.op} ${format(row.target.value)} ${row.unit}` : '',
      met: met === undefined ? '' : met ? 'yes' : 'NO',
    };
  });
  const widths = (['figure', 'value', 'target', 'met'] as const).map((key) => Math.max(key.length, ...lines.map((line) => line[key].length)));
  const render = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(render(['figure', 'value', 'target', 'met']));
  console.log(render(widths.map((width) => '-'.repeat(width))));
  for (const line of lines) console.log(render([line.figure, line.value, line.target, line.met]));
  return lines.every((line) => line.met !== 'NO');
}

function format(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}
