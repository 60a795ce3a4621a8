import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollectorProcess, type CollectorProcess } from '../helpers/collector-process';

/** What `npm start` runs: `footfall serve --examples`, as its own process. */
describe('footfall serve --examples (the quick start)', () => {
  let folder: string;
  let collector: CollectorProcess;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'footfall-start-'));
    collector = await startCollectorProcess({ FOOTFALL_DB_URL: `file:${join(folder, 'nested', 'footfall.db')}` }, ['--examples']);
  }, 90_000);
  afterAll(async () => {
    await collector?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('redirects / to the storefront and serves its pages and the SDK bundle', async () => {
    const root = await fetch(`${collector.url}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/shop/']);
    const shop = await fetch(`${collector.url}/shop/`);
    expect([shop.status, shop.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await shop.text()).toContain('<script defer src="/footfall.js" data-write-key="dev_write_key"');
    const bundle = await fetch(`${collector.url}/footfall.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
  });

  it('logs which development keys are in use without printing configured secrets', async () => {
    expect(collector.output()).toContain('FOOTFALL_WRITE_KEYS is not set: using the development default');
    const secret = await startCollectorProcess(
      { FOOTFALL_DB_URL: `file:${join(folder, 'secret.db')}`, FOOTFALL_WRITE_KEYS: 'wk_very_secret', FOOTFALL_READ_KEYS: 'rk_very_secret', FOOTFALL_ADMIN_KEYS: 'ak_very_secret' },
    );
    await secret.stop();
    expect(secret.output()).toContain('Footfall collector listening on');
    expect(secret.output()).not.toMatch(/very_secret|is not set/);
  });

  it('stops gracefully on SIGTERM', async () => {
    const other = await startCollectorProcess({ FOOTFALL_DB_URL: `file:${join(folder, 'stop.db')}` });
    await other.stop('SIGTERM');
    expect([other.child.exitCode, other.child.signalCode]).toEqual([0, null]);
  });
});
