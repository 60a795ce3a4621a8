import type { BundleSize } from '../../tests/helpers/bundle-size';

/** One library's two measured builds. */
export interface PeerRow {
  name: string;
  /** The published file a script-tag user loads. */
  scriptFile: string;
  scriptTag: BundleSize;
  /** A tree-shaken "track one event" build. */
  trackOne: BundleSize;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ratio = (peer: number, footfall: number) => `${(peer / footfall).toFixed(1)}×`;

/**
 * Print Footfall and its peers side by side: gzip -9 and brotli of both
 * builds, and each peer's gzip size as a multiple of Footfall's.
 * @param footfall Footfall's row, the reference of the ratios
 * @param peers the others
 * @example
 * printPeerTable(footfall, [segment, plausible]);
 */
export function printPeerTable(footfall: PeerRow, peers: readonly PeerRow[]): void {
  const header = ['library', 'script tag gzip', 'brotli', '× Footfall', 'track one event gzip', 'brotli', '× Footfall'];
  const lines = [footfall, ...peers].map((row) => [
    row.name,
    kb(row.scriptTag.gzip),
    kb(row.scriptTag.brotli),
    ratio(row.scriptTag.gzip, footfall.scriptTag.gzip),
    kb(row.trackOne.gzip),
    kb(row.trackOne.brotli),
    ratio(row.trackOne.gzip, footfall.trackOne.gzip),
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...lines.map((line) => line[i]!.length)));
  const render = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  console.log('\nSize: the script-tag file and a tree-shaken "track one event" build (1 KB = 1,000 bytes)');
  console.log(render(header));
  console.log(render(widths.map((width) => '-'.repeat(width))));
  for (const line of lines) console.log(render(line));
  console.log('\nScript-tag files measured (each minified with the same terser settings as Footfall\'s, as a CDN would serve it):');
  for (const row of [footfall, ...peers]) console.log(`  ${row.name}: ${row.scriptFile}`);
}
