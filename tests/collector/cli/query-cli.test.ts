import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../collector/cli/main';
import { createApp } from '../../../collector/app';
import { loadConfig } from '../../../collector/config/load-config';
import { migrateDatabase } from '../../../collector/db/migrate';
import { openDatabase } from '../../../collector/db/open-database';
import { ingest } from '../queries/ingest-helpers';
import { generateEvents } from '../queries/seeded-events';

describe('footfall query / export', () => {
  let folder: string;
  let count = 0;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'footfall-cli-'));
    const url = `file:${join(folder, 'footfall.db')}`;
    const handle = await openDatabase({ url });
    await migrateDatabase(handle.db);
    const events = generateEvents(2, 40);
    count = events.length;
    await ingest(createApp({ db: handle.db, keys: loadConfig({}).keys, log: () => undefined }), events);
    handle.client.close();
    vi.stubEnv('FOOTFALL_DB_URL', url);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await rm(folder, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
    try {
      return { code: await main(args), out, err };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  }

  it('prints a funnel table, and the API JSON with --json', async () => {
    const table = await run(['query', 'funnel', '--steps', 'Product Viewed,Product Added', '--window', '7d']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^step\s+persons\s+from start/);
    const json = await run(['query', 'funnel', '--steps', 'Product Viewed,Product Added', '--window', '7d', '--json']);
    expect(JSON.parse(json.out).steps[0].label).toBe('Product Viewed');
  });

  it('says what is wrong with bad options, exit code 2', async () => {
    const bad = await run(['query', 'funnel', '--steps', 'A,B', '--window', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('window');
  });

  it('exports CSV to a file with a progress line on stderr', async () => {
    const file = join(folder, 'out.csv');
    const result = await run(['export', '--format', 'csv', '--out', file]);
    expect(result.code).toBe(0);
    expect(result.err).toContain(`${count}/${count} events`);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(count + 1);
  });
});
