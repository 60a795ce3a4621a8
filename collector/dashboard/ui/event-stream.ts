/** One Server-Sent Events message. */
export interface StreamMessage {
  id: string | undefined;
  event: string;
  data: string;
}

/** What a live view hears about its connection. */
export type StreamState = 'connecting' | 'open' | 'retrying' | 'unauthorized';

export interface StreamOptions {
  key: string;
  onMessage(message: StreamMessage): void;
  onState(state: StreamState): void;
  /** Ends the stream for good (the view was left). */
  signal: AbortSignal;
}

const MAX_RETRY_MS = 30_000;

/**
 * The `onState` of a live view: the state written into `element` (as text and as
 * `data-state`), and a refused key reported.
 */
export function showState(element: HTMLElement, onUnauthorized: () => void): (state: StreamState) => void {
  return (state) => {
    element.textContent = state;
    element.dataset['state'] = state;
    if (state === 'unauthorized') onUnauthorized();
  };
}

/**
 * Follows a Server-Sent Events endpoint of the collector with `fetch`, because
 * `EventSource` cannot send an `Authorization` header and a read key in the URL
 * would end up in access logs. Reconnects with backoff and `Last-Event-ID`, so
 * nothing said while the connection was down is missed.
 *
 * @example
 * followStream('/v1/live/events', { key, onMessage, onState, signal: controller.signal });
 */
export async function followStream(url: string, options: StreamOptions): Promise<void> {
  let lastId: string | undefined;
  let failures = 0;
  while (!options.signal.aborted) {
    options.onState(failures === 0 ? 'connecting' : 'retrying');
    try {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${options.key}`, accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) },
        signal: options.signal,
        cache: 'no-store',
      });
      if (response.status === 401 || response.status === 403) return options.onState('unauthorized');
      if (!response.ok || !response.body) throw new Error(`status ${response.status}`);
      options.onState('open');
      failures = 0;
      await readMessages(response.body, (message) => {
        if (message.id !== undefined) lastId = message.id;
        options.onMessage(message);
      });
    } catch {
      if (options.signal.aborted) return;
    }
    failures++;
    options.onState('retrying');
    const wait = Math.min(MAX_RETRY_MS, 500 * 2 ** Math.min(failures, 6));
    await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random() / 2)));
  }
}

/** Splits a stream into messages by the EventSource parsing rules (fields, comments, blank-line ends). */
async function readMessages(body: ReadableStream<Uint8Array>, deliver: (message: StreamMessage) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let message: { id?: string; event?: string; data: string[] } = { data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (message.data.length > 0) deliver({ id: message.id, event: message.event ?? 'message', data: message.data.join('\n') });
        message = { data: [] };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') message.data.push(text);
      else if (field === 'event') message.event = text;
      else if (field === 'id') message.id = text;
    }
  }
}
