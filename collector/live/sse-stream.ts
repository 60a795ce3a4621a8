/** How one Server-Sent Events stream behaves. */
export interface SseStreamOptions {
  /**
   * Bytes the subscriber may fall behind (written but not yet taken by its
   * connection) before it is dropped: a slow reader costs at most this much memory.
   * @default 1048576
   */
  maxBacklogBytes?: number;
  /** Interval of the `: ping` comment that keeps proxies from closing an idle stream. @default 15000 */
  pingMs?: number;
  /** Called once when the stream ends, whatever ended it. */
  onEnd?: () => void;
}

/** One open stream: its response, and the way to write to it. */
export interface SseStream {
  response: Response;
  /**
   * Writes `id: …`, `event: …` and `data: …` lines (`data` is one line: JSON).
   * @returns false once the stream has ended (client gone, dropped, closed)
   */
  send(id: number, event: string, data: string): boolean;
  /**
   * Drops the subscriber if it is more than `maxBacklogBytes` behind; called before
   * each batch, so a reader that keeps up is never dropped for one large batch.
   * @returns false when the stream has ended or was just dropped
   */
  keepingUp(): boolean;
  /** Ends the stream: what is written is still delivered, then the response ends. */
  close(): void;
  readonly ended: boolean;
}

const encoder = new TextEncoder();

/**
 * A `text/event-stream` response fed by `send`. Bounded: the stream's queue counts
 * bytes, and a subscriber still more than `maxBacklogBytes` behind when the next
 * batch or ping comes is dropped (the stream errors, the server resets the
 * connection, the queue is freed), so a stalled dashboard costs at most that plus
 * one batch. Clients reconnect with `Last-Event-ID` and resume.
 *
 * @example
 * const stream = sseStream({ onEnd: () => subscribers.delete(stream) });
 * stream.send(42, 'event', JSON.stringify(event));
 * return stream.response;
 */
export function sseStream(options: SseStreamOptions = {}): SseStream {
  const maxBacklog = options.maxBacklogBytes ?? 1_048_576;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let ended = false;
  let ping: ReturnType<typeof setInterval> | undefined;

  const end = (): void => {
    if (ended) return;
    ended = true;
    if (ping !== undefined) clearInterval(ping);
    options.onEnd?.();
  };
  const write = (text: string): boolean => {
    if (ended) return false;
    controller.enqueue(encoder.encode(text));
    return true;
  };
  const keepingUp = (): boolean => {
    if (ended) return false;
    if ((controller.desiredSize ?? 0) >= 0) return true;
    // error(), not close(): the queue is freed now instead of waiting for a reader.
    controller.error(new Error('SSE subscriber fell behind'));
    end();
    return false;
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      cancel() {
        end();
      },
    },
    { highWaterMark: maxBacklog, size: (chunk) => chunk.byteLength },
  );
  // Sent at once so that headers and a first byte pass buffering proxies.
  write(': connected\n\n');
  ping = setInterval(() => keepingUp() && write(': ping\n\n'), options.pingMs ?? 15_000);

  return {
    response: new Response(body, {
      headers: {
        // SSE is UTF-8 by definition: no charset parameter.
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        // nginx buffers responses unless told not to.
        'x-accel-buffering': 'no',
      },
    }),
    send: (id, event, data) => write(`id: ${id}\nevent: ${event}\ndata: ${data}\n\n`),
    keepingUp,
    close() {
      if (ended) return;
      controller.close();
      end();
    },
    get ended() {
      return ended;
    },
  };
}
