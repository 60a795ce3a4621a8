/**
 * What a tab tells the origin's other tabs about its requests: `sending`
 * before a batch leaves, `done` after (`acknowledged` when the collector has
 * it, or refused it for good).
 */
export type FlightNotice = { sending: string[] } | { done: string[]; acknowledged: boolean };

/** A line to the origin's other tabs. */
export interface TabChannel {
  post(notice: FlightNotice): void;
  listen(listener: (notice: FlightNotice) => void): void;
}

/** The BroadcastChannel name shared by the origin's tabs. */
export const CHANNEL_NAME = 'footfall:flight';

/**
 * The origin's tabs, over a BroadcastChannel opened on first use (after
 * consent; a channel stores nothing). Where BroadcastChannel is missing, a
 * line to nobody: unload then only skips what this tab itself has in flight.
 * @returns the channel
 * @example
 * const channel = createTabChannel();
 * channel.post({ sending: ['0190…'] });
 */
export function createTabChannel(): TabChannel {
  let channel: BroadcastChannel | undefined;
  const open = () => (channel ??= typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : undefined);
  return {
    post: (notice) => open()?.postMessage(notice),
    listen(listener) {
      const line = open();
      if (line) line.onmessage = (message: MessageEvent<FlightNotice>) => listener(message.data);
    },
  };
}
