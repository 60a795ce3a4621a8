// Serves the edge entry under Bun or Deno, exactly as a deployment on those runtimes
// would: their own HTTP server calling the same fetch handler. PORT from the env.
import edge from '../../collector/edge';

interface ServeOptions {
  port: number;
  hostname: string;
}
type Handler = (request: Request) => Response | Promise<Response>;
const runtime = globalThis as {
  Bun?: { serve(options: ServeOptions & { fetch: Handler }): unknown };
  Deno?: { serve(options: ServeOptions, handler: Handler): unknown };
};

const options = { port: Number(process.env['PORT']), hostname: '127.0.0.1' };
const handler: Handler = (request) => edge.fetch(request);
if (runtime.Bun) runtime.Bun.serve({ ...options, fetch: handler });
else if (runtime.Deno) runtime.Deno.serve(options, handler);
else throw new Error('serve-edge.ts runs under Bun or Deno');
