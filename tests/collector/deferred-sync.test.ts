import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../collector/app';
import { loadConfig } from '../../collector/config/load-config';
import { migrateDatabase } from '../../collector/db/migrate';
import { openDatabase, type DatabaseHandle } from '../../collector/db/open-database';
import { walSync } from '../../collector/db/wal-sync';
import { basicAuth } from '../helpers/test-app';

// Deferred sync (db/wal-sync.ts): on a local file the collector commits with
// synchronous = NORMAL and flushes the log itself before answering. These tests pin
// the settings and prove that no answer promising durability leaves before the flush.

let folder: string;
const opened: DatabaseHandle[] = [];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'footfall-sync-'));
});

afterEach(async () => {
  for (const handle of opened.splice(0)) handle.client.close();
  await rm(folder, { recursive: true, force: true });
});

async function open(url: string, deferredSync: boolean): Promise<DatabaseHandle> {
  const handle = await openDatabase({ url, deferredSync });
  opened.push(handle);
  await migrateDatabase(handle.db);
  return handle;
}

async function synchronous(handle: DatabaseHandle): Promise<number> {
  return Number((await handle.client.execute('PRAGMA synchronous')).rows[0]![0]);
}

describe('deferred sync', () => {
  it('is asked for: a file opened without it keeps FULL (2); with it, NORMAL (1), a larger checkpoint threshold and a flush', async () => {
    const plain = await open(`file:${join(folder, 'plain.db')}`, false);
    expect(await synchronous(plain)).toBe(2);
    expect(plain.syncCommitted).toBeUndefined();

    const deferred = await open(`file:${join(folder, 'deferred.db')}`, true);
    expect(await synchronous(deferred)).toBe(1);
    expect((await deferred.client.execute('PRAGMA wal_autocheckpoint')).rows[0]![0]).toBe(4000);
    expect((await plain.client.execute('PRAGMA wal_autocheckpoint')).rows[0]![0]).toBe(1000);
    expect(typeof deferred.syncCommitted).toBe('function');
  });

  it('does not apply to an in-memory database', async () => {
    const memory = await open(':memory:', true);
    expect(memory.syncCommitted).toBeUndefined();
  });

  it('flushes the log after a commit, and has nothing to do once the log is gone', async () => {
    const file = join(folder, 'flush.db');
    const handle = await open(`file:${file}`, true);
    await handle.client.execute("insert into step_labels (label) values ('flushed')");
    expect(existsSync(`${file}-wal`)).toBe(true);
    await expect(handle.syncCommitted!()).resolves.toBeUndefined();

    // Without a log (the last connection checkpointed and deleted it), nothing is
    // left to flush; other failures still reach the caller.
    const missing = join(folder, 'never-opened.db');
    await expect(walSync(missing)()).resolves.toBeUndefined();
    await expect(walSync(join(folder, 'bad\u0000name.db'))()).rejects.toThrow(/null bytes/);
  });

  it('answers ingestion and erasure only after the flush', async () => {
    const handle = await open(`file:${join(folder, 'app.db')}`, true);
    const gate = flushGate(handle.syncCommitted!);
    const app = createApp({ db: handle.db, keys: loadConfig({}).keys, syncCommitted: gate.sync, log: () => undefined });

    const event = { type: 'track', event: 'Order Completed', messageId: 'm-1', userId: 'u-1' };
    const ingest = app.request('/v1/track', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basicAuth('dev_write_key') },
      body: JSON.stringify(event),
    });
    await gate.requested(1);
    // Committed (a reader sees it) but not yet flushed: no answer yet.
    expect((await handle.client.execute("select count(*) from events where message_id = 'm-1'")).rows[0]![0]).toBe(1);
    expect(await settledWithin(ingest, 50)).toBe(false);
    gate.release();
    const answer = await ingest;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ success: true, accepted: 1 });

    const erase = app.request('/v1/people/u-1', { method: 'DELETE', headers: { authorization: 'Bearer dev_admin_key' } });
    await gate.requested(2);
    expect(await settledWithin(erase, 50)).toBe(false);
    gate.release();
    expect(await (await erase).json()).toEqual({ success: true, deletedEvents: 1 });
  });
});

/** Wraps a flush so that each call waits for `release()`. */
function flushGate(flush: () => Promise<void>) {
  const waiting: Array<() => void> = [];
  let calls = 0;
  return {
    sync: async (): Promise<void> => {
      calls++;
      await new Promise<void>((resolve) => waiting.push(resolve));
      await flush();
    },
    async requested(count: number): Promise<void> {
      for (let tries = 0; calls < count; tries++) {
        if (tries > 400) throw new Error(`flush ${count} never requested`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    release(): void {
      waiting.shift()?.();
    },
  };
}

async function settledWithin(answer: Response | Promise<Response>, ms: number): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), ms));
  return Promise.race([Promise.resolve(answer).then(() => true), timeout]);
}
