/**
 * Serves an Apollo Server subgraph over node:http, the way `startStandaloneServer` does, with one
 * difference that needs its own loop: each request runs inside a server span continuing the
 * gateway's trace (`traceparent`), so resolvers' vendor calls become its children. With tracing
 * off, the span is the no-op and the handling is the standalone server's.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { listen } from '../../platform/listen.js';
import { contextFromHeaders, inSpan, SpanKind } from '../../platform/tracing.js';

/** Upper bound of a request body (the gateway's signed calls; representations for many entities). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

class BadRequest extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('request body too large', 413);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!(req.headers['content-type'] ?? '').includes('json')) return text;
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new BadRequest('request body is not valid JSON');
  }
}

export async function serveSubgraph<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: { name: string; host: string; port: number; context: () => Promise<TContext> },
): Promise<{ url: string }> {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const body = await readBody(req);
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: new URL(req.url ?? '/', 'http://subgraph').search, body },
        context: options.context,
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      const status = error instanceof BadRequest ? error.status : 500;
      const message = error instanceof BadRequest ? error.message : 'internal error';
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message }] }));
    }
  };
  const httpServer = createServer((req, res) => {
    void inSpan(`subgraph ${options.name}`, SpanKind.SERVER, { 'hub.subgraph': options.name }, () => handle(req, res), contextFromHeaders(req.headers));
  });
  server.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer }));
  await server.start();
  const port = await listen(httpServer, options.host, options.port);
  return { url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}/graphql` };
}
