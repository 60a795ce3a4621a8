import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got, with its own verdict on the signature. */
export interface Received {
  at: number;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** Checked here with node:crypto, independently of the collector's Web Crypto code. */
  verified: boolean;
}

/** An answer the receiver gives: a status, optional headers, optional delay (ms). */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Answers to give, in order; the last one repeats. */
  answers: Answer[];
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/**
 * A Standard Webhooks receiver on 127.0.0.1 (node:http), verifying every request as
 * the spec says: HMAC-SHA256 over `id.timestamp.body` with the base64 key after
 * `whsec_`, compared in constant time with each `v1,` signature of the header.
 */
export async function startReceiver(secret: string, answers: Answer[] = [{ status: 200 }]): Promise<WebhookReceiver> {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
  const received: Received[] = [];
  const state = { answers, served: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(request.headers['webhook-id'] ?? '');
      const timestamp = String(request.headers['webhook-timestamp'] ?? '');
      const signature = String(request.headers['webhook-signature'] ?? '');
      const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
      const verified = signature.split(' ').some((part) => {
        const [version, value] = part.split(',');
        const given = Buffer.from(value ?? '', 'base64');
        return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
      });
      received.push({ at: Date.now(), id, timestamp, signature, body, verified });
      const answer = state.answers[Math.min(state.served++, state.answers.length - 1)] ?? { status: 200 };
      setTimeout(() => response.writeHead(answer.status, answer.headers ?? {}).end('ok'), answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/footfall`,
    received,
    get answers() {
      return state.answers;
    },
    set answers(next) {
      state.answers = next;
      state.served = 0;
    },
    async waitFor(count, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      if (received.length < count) throw new Error(`expected ${count} webhook requests, got ${received.length}`);
      return received.slice(0, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
