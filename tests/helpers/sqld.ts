import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnProcess, waitForHttp } from './processes';
import { ensureRuntimes } from './runtimes';

export interface RunningSqld {
  /** e.g. `http://127.0.0.1:41234`, usable as FOOTFALL_DB_URL. */
  url: string;
  stop(): Promise<void>;
}

/** Starts the official libSQL server on 127.0.0.1 over a fresh database folder. */
export async function startSqld(): Promise<RunningSqld> {
  const { sqld } = ensureRuntimes();
  const folder = await mkdtemp(join(tmpdir(), 'footfall-sqld-'));
  const port = await freePort();
  const server = spawnProcess(sqld, ['--db-path', join(folder, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome']);
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, 30_000, server.child);
  return {
    url,
    stop: async () => {
      await server.stop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
