import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the browser made, with its JSON body parsed when it has one. */
export interface CapturedRequest {
  method: string;
  /** `pathname`, e.g. `/v1/batch`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, else the raw text, else `undefined`. */
  body: unknown;
  /** The collector's answer, once it came. */
  status?: number;
  /** Epoch ms at which the request arrived in full. */
  receivedAt: number;
}

/** Anything that collects requests in the order they arrive. */
export interface RequestLog {
  readonly requests: CapturedRequest[];
}

/** How the proxy answers a recorded request instead of forwarding it: a status, or a cut connection. */
export type Fault = { status: number; headers?: Record<string, string> } | 'network-error';

/** Decides, per recorded request, whether to inject a fault; `undefined` forwards it. */
export type FaultPlan = (request: CapturedRequest) => Fault | undefined;

/** A recording reverse proxy in front of the collector. */
export interface RecordingProxy extends RequestLog {
  /** Base URL to open pages on, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Inject faults from now on (`undefined`: forward everything again). */
  setFaults(plan: FaultPlan | undefined): void;
  close(): Promise<void>;
}

/**
 * Put a recording reverse proxy in front of `target` and record every request
 * whose path starts with `pathPrefix`. Requests are seen where they arrive,
 * not in the browser, because Chromium hands keepalive requests sent during
 * unload to its browser process, where neither Playwright's request events,
 * routing nor the page's DevTools session see them.
 * @param target the collector's base URL
 * @param pathPrefix which requests to record
 * @default pathPrefix '/v1/'
 * @returns the proxy; open the shop on `proxy.url`
 * @example
 * const proxy = await startRecordingProxy(collector.url);
 * await page.goto(`${proxy.url}/shop/`);
 */
export async function startRecordingProxy(target: string, pathPrefix = '/v1/'): Promise<RecordingProxy> {
  const requests: CapturedRequest[] = [];
  const upstream = new URL(target);
  let faults: FaultPlan | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://proxy').pathname;
      const record = path.startsWith(pathPrefix) ? describe(req, path, body) : undefined;
      if (record) requests.push(record);
      const fault = record && faults?.(record);
      if (fault === 'network-error') {
        record!.status = 0;
        return req.socket.destroy();
      }
      if (fault) {
        record!.status = fault.status;
        // The collector's CORS headers, so that the browser lets the page read the fault.
        res.writeHead(fault.status, { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Retry-After', ...fault.headers });
        return res.end(JSON.stringify({ success: false, error: { code: 'injected', message: 'fault injected by the test proxy' } }));
      }
      forward(upstream, req, body, res, (status) => record && (record.status = status));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFaults: (plan) => void (faults = plan),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function describe(req: IncomingMessage, path: string, body: Buffer): CapturedRequest {
  const text = body.length > 0 ? body.toString('utf8') : undefined;
  let parsed: unknown = text;
  try {
    parsed = text === undefined ? undefined : JSON.parse(text);
  } catch {
    // not JSON: keep the text, a test may want to see what was sent
  }
  return { method: req.method ?? 'GET', path, headers: { ...req.headers }, body: parsed, receivedAt: Date.now() };
}

function forward(upstream: URL, req: IncomingMessage, body: Buffer, res: ServerResponse, onStatus: (s: number) => void): void {
  const outgoing = httpRequest(
    {
      hostname: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host },
    },
    (answer) => {
      onStatus(answer.statusCode ?? 0);
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  outgoing.on('error', (error) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(String(error));
  });
  outgoing.end(body);
}
