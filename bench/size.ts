// `npm run bench:size`: Footfall's script tag and "track one event" build beside
// Segment, RudderStack, PostHog, Snowplow and Plausible, measured the same way:
// the file a script-tag user loads, and a tiny "track one event" entry bundled
// with Footfall's own rollup resolve + terser settings. gzip -9 and brotli q11.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import type { Plugin } from 'rollup';
import { minify } from 'terser';
import { TERSER_OPTIONS } from '../rollup.config.mjs';
import { buildMinified, compressedSizes, type BundleSize } from '../tests/helpers/bundle-size';
import { BUDGETS } from '../tests/size/budgets';
import { printPeerTable, type PeerRow } from './lib/peer-table';

const PEERS_DIR = join(import.meta.dirname, 'peers');

/** Each peer: its npm package, the published file a script tag loads, and its "track one event" entry. */
const PEERS = [
  { name: 'Segment analytics-next', pkg: '@segment/analytics-next', scriptFile: 'dist/umd/standalone.js', entry: 'segment.js' },
  { name: 'RudderStack v3', pkg: '@rudderstack/analytics-js', scriptFile: 'dist/npm/modern/umd/index.js', entry: 'rudderstack.js' },
  { name: 'PostHog', pkg: 'posthog-js', scriptFile: 'dist/array.js', entry: 'posthog.js' },
  { name: 'Snowplow', pkg: '@snowplow/browser-tracker', scriptFile: 'dist/index.umd.min.js', entry: 'snowplow.js' },
  // Plausible's npm package ships only its (already minified) ESM module; the
  // script-tag file is served by Plausible's own servers, not published.
  { name: 'Plausible', pkg: '@plausible-analytics/tracker', scriptFile: 'plausible.js', entry: 'plausible.js' },
] as const;

/** Installs the peers into bench/peers (never part of `npm test`). */
function installPeers(): void {
  console.log('Installing the peer SDKs into bench/peers …');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: PEERS_DIR, stdio: 'inherit' });
}

/**
 * Footfall's resolve and terser settings, plus what the peers' npm builds need
 * to bundle at all (CommonJS, JSON, `process.env.NODE_ENV`), loaded from bench/peers.
 */
function peerPlugins(): Plugin[] {
  const require = createRequire(join(PEERS_DIR, 'package.json'));
  const commonjs = require('@rollup/plugin-commonjs') as () => Plugin;
  const json = require('@rollup/plugin-json') as () => Plugin;
  const replace = require('@rollup/plugin-replace') as (options: object) => Plugin;
  return [
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true, rootDir: PEERS_DIR }),
    commonjs(),
    json(),
    terser(TERSER_OPTIONS),
  ];
}

async function measurePeer(peer: (typeof PEERS)[number]): Promise<PeerRow> {
  // Minified with Footfall's terser settings: some packages publish their UMD
  // file unminified (RudderStack's), and a CDN would serve it minified.
  const published = readFileSync(join(PEERS_DIR, 'node_modules', peer.pkg, peer.scriptFile), 'utf8');
  const file = (await minify(published, { ...TERSER_OPTIONS, module: peer.scriptFile.endsWith('plausible.js') })).code ?? published;
  const version = (JSON.parse(readFileSync(join(PEERS_DIR, 'node_modules', peer.pkg, 'package.json'), 'utf8')) as { version: string }).version;
  // Lazy chunks are inlined: "track one event" counts all the code it can load.
  const trackOne = await buildMinified(join(PEERS_DIR, 'entries', peer.entry), { format: 'es', plugins: peerPlugins(), inlineDynamicImports: true, strictWarnings: false });
  return { name: `${peer.name} ${version}`, scriptFile: `${peer.pkg}/${peer.scriptFile}`, scriptTag: compressedSizes(file), trackOne: compressedSizes(trackOne) };
}

export async function benchSize(): Promise<boolean> {
  installPeers();
  const footfall: PeerRow = {
    name: 'Footfall',
    scriptFile: 'dist/footfall.js',
    scriptTag: compressedSizes(await buildMinified('tests/size/script-tag.ts', { format: 'iife' })),
    trackOne: compressedSizes(await buildMinified('tests/size/track-only.ts', { format: 'es' })),
  };
  const peers: PeerRow[] = [];
  for (const peer of PEERS) peers.push(await measurePeer(peer));
  printPeerTable(footfall, peers);
  const within = (size: BundleSize, budget: number) => size.gzip <= budget;
  console.log(
    `\nBudgets (gzip): script tag ${footfall.scriptTag.gzip} of ${BUDGETS.scriptTag} B ${within(footfall.scriptTag, BUDGETS.scriptTag) ? 'yes' : 'NO'}; ` +
      `track one event ${footfall.trackOne.gzip} of ${BUDGETS.trackOnly} B ${within(footfall.trackOne, BUDGETS.trackOnly) ? 'yes' : 'NO'}`,
  );
  return within(footfall.scriptTag, BUDGETS.scriptTag) && within(footfall.trackOne, BUDGETS.trackOnly);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchSize().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
