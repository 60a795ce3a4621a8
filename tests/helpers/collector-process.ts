import { fileURLToPath } from 'node:url';
import { freePort, spawnProcess, waitForHttp, type Spawned } from './processes';

// The built collector, as `npm start` runs it (tests/setup/build.ts builds it first).
const cli = fileURLToPath(new URL('../../dist/collector/footfall.js', import.meta.url));

export interface CollectorProcess extends Spawned {
  url: string;
}

/**
 * Starts `footfall serve` as its own Node process on 127.0.0.1, as a deployment
 * would, and waits until it is healthy.
 */
export async function startCollectorProcess(env: Record<string, string>, args: string[] = []): Promise<CollectorProcess> {
  const port = await freePort();
  const collector = spawnProcess(process.execPath, [cli, 'serve', ...args], { PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, 60_000, collector.child);
  } catch (error) {
    await collector.stop('SIGKILL');
    throw new Error(`${String(error)}\n${collector.output()}`);
  }
  return { ...collector, url };
}
