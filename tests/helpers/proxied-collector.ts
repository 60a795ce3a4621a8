import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startCollector, type TestCollector, type TestCollectorOptions } from './collector-server';
import { startRecordingProxy, type RecordingProxy } from './request-capture';

/** The collector with a recording proxy in front of it, and Chromium. */
export interface ProxiedCollector {
  collector: TestCollector;
  /** Open pages through it: it sees every request, keepalive sends at unload included. */
  proxy: RecordingProxy;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the collector and Chromium together, then the proxy in front of the collector. */
export async function startProxiedCollector(options: TestCollectorOptions = {}): Promise<ProxiedCollector> {
  const [collector, browser] = await Promise.all([startCollector(options), launchBrowser()]);
  const proxy = await startRecordingProxy(collector.url);
  return {
    collector,
    proxy,
    browser,
    close: async () => {
      await browser.close();
      await proxy.close();
      await collector.close();
    },
  };
}
