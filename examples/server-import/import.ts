import { Analytics, type TrackParams } from '@segment/analytics-node';
import { readFile } from 'node:fs/promises';
import type { CallRecord, StoreVisitRecord } from './records';
import { callToTrack, storeVisitToTracks } from './to-track-events';

/*
 * Imports the call centre's calls and the stores' visits into Footfall through
 * Segment's own server library, pointed at the collector with `host`: the
 * events join each customer's journey beside their web visits.
 *
 *   FOOTFALL_URL=http://localhost:8787 FOOTFALL_WRITE_KEY=dev_write_key npm run example:import
 */

const host = process.env['FOOTFALL_URL'] || 'http://localhost:8787';
const writeKey = process.env['FOOTFALL_WRITE_KEY'] || 'dev_write_key';

const readJson = async <T>(name: string): Promise<T> => JSON.parse(await readFile(new URL(`data/${name}`, import.meta.url), 'utf8')) as T;
const calls = await readJson<CallRecord[]>('calls.json');
const visits = await readJson<StoreVisitRecord[]>('store-visits.json');
const tracks = [...calls.map(callToTrack), ...visits.flatMap(storeVisitToTracks)];

const analytics = new Analytics({ writeKey, host });
// The library reports each event's fate to its callback, after the batch was answered.
const send = (track: TrackParams) => new Promise<unknown>((resolve) => analytics.track(track, (error) => resolve(error)));
const outcomes = Promise.all(tracks.map(send));
await analytics.closeAndFlush({ timeout: 30_000 });
const failures = (await outcomes).filter((error) => error !== undefined);

if (failures.length > 0) {
  console.error(`${failures.length} of ${tracks.length} events were not delivered to ${host}: ${String(failures[0])}`);
  process.exitCode = 1;
} else {
  console.log(`Sent ${tracks.length} events to ${host}: ${calls.length} calls, ${visits.length} store visits.`);
}
