/** One SSE message as a client sees it. */
export interface SseMessage {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

/** A Server-Sent Events stream read with fetch (what the dashboard does: EventSource cannot send headers). */
export interface SseClient {
  response: Response;
  /** Every message so far, in order. */
  messages: SseMessage[];
  /** Every comment line so far (without the colon). */
  comments: string[];
  /** Resolves once `count` messages have arrived in all; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  /** Resolves when the server ends the stream (true) or after `timeoutMs` (false). */
  ended(timeoutMs?: number): Promise<boolean>;
  close(): void;
}

/**
 * Opens `url` and parses its `text/event-stream` body as the SSE spec does: blank
 * line ends a message, `:` starts a comment, fields `id`, `event`, `data`.
 */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  let done = false;
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((wake) => wake());
  const reading = (async () => {
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = response.body.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: SseMessage = { id: undefined, event: undefined, data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) message.id = line.slice(4);
            else if (line.startsWith('event: ')) message.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              message.data += (hasData ? '\n' : '') + line.slice(6);
              hasData = true;
            }
          }
          if (hasData) messages.push(message);
          notify();
        }
      }
    } catch {
      // Aborted by close(), or reset by the server (a dropped subscriber).
    }
    done = true;
    notify();
  })();
  const until = (ready: () => boolean, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const check = () => {
        if (!ready()) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        resolve(false);
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return {
    response,
    messages,
    comments,
    async waitFor(count, timeoutMs = 5000) {
      if (!(await until(() => messages.length >= count || done, timeoutMs)) || messages.length < count) {
        throw new Error(`expected ${count} SSE messages, got ${messages.length}: ${JSON.stringify(messages)}`);
      }
      return messages.slice(0, count);
    },
    ended: (timeoutMs = 5000) => until(() => done, timeoutMs).then(async (ok) => (ok ? (await reading, true) : false)),
    close: () => abort.abort(),
  };
}
