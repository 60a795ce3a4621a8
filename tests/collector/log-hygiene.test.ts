import { describe, expect, it } from 'vitest';
import { createApp } from '../../collector/app';
import { loadConfig } from '../../collector/config/load-config';
import { migrateDatabase } from '../../collector/db/migrate';
import { openDatabase } from '../../collector/db/open-database';

describe('when the database fails', () => {
  it('answers 503 with Retry-After and logs no payload or key', async () => {
    const database = await openDatabase({ url: ':memory:' });
    await migrateDatabase(database.db);
    const logged: string[] = [];
    const app = createApp({ db: database.db, keys: loadConfig({ FOOTFALL_WRITE_KEYS: 'wk_secret_123' }).keys, log: (line) => logged.push(line) });
    database.client.close();

    const response = await app.request('/v1/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        writeKey: 'wk_secret_123',
        batch: [{ type: 'identify', messageId: 'm1', userId: 'u-private', traits: { email: 'private@example.com' } }],
      }),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({ success: false, error: { code: 'unavailable', message: expect.any(String) } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^POST \/v1\/batch failed: /);
    expect(logged.join('\n')).not.toMatch(/private|wk_secret_123|u-private|m1/);
  });
});
