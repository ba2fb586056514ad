/**
 * The Fastify app every vendor sandbox starts from: fault injection (latency, errors, outage),
 * a count of the vendor calls it served (tests assert batching with it), and the admin routes
 * under `/__sandbox/` that tests and demos use to steer it.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { defaultControls, SandboxControlsSchema, type SandboxControls } from './controls.js';
import { WebhookSender } from './webhook-sender.js';

export const ADMIN_PREFIX = '/__sandbox';

export interface SandboxAppOptions {
  vendor: string;
  controls?: Partial<SandboxControls>;
  /** How this vendor answers when it is down or failing (status and body). */
  failure: (kind: 'outage' | 'error') => { status: number; body: unknown };
  /** Where this vendor's webhooks go (the hub's `/webhooks/{vendor}`); unset records them only. */
  webhookTarget?: string | undefined;
}

export interface SandboxApp {
  app: FastifyInstance;
  controls: SandboxControls;
  /** Vendor API calls served, by "METHOD path-pattern". */
  calls: Map<string, number>;
  /** The last vendor API calls with when each started and ended (epoch ms): shows calls overlapping. */
  recent: CallSpan[];
  webhooks: WebhookSender;
}

export interface CallSpan {
  route: string;
  startedAt: number;
  endedAt: number | undefined;
}

const RECENT_CALLS = 500;

export function createSandboxApp(options: SandboxAppOptions): SandboxApp {
  const app = Fastify({ logger: false, bodyLimit: 20 * 1024 * 1024 });
  const state: SandboxApp = {
    app,
    controls: defaultControls(options.controls),
    calls: new Map(),
    recent: [],
    webhooks: new WebhookSender(options.webhookTarget),
  };
  const spans = new WeakMap<FastifyRequest, CallSpan>();
  const isAdmin = (request: FastifyRequest) => request.url.startsWith(ADMIN_PREFIX);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (isAdmin(request)) return;
    const route = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
    state.calls.set(route, (state.calls.get(route) ?? 0) + 1);
    const span: CallSpan = { route, startedAt: Date.now(), endedAt: undefined };
    spans.set(request, span);
    state.recent.push(span);
    if (state.recent.length > RECENT_CALLS) state.recent.shift();
    const { latencyMs, outage, errorRate } = state.controls;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (outage || (errorRate > 0 && Math.random() < errorRate)) {
      const failure = options.failure(outage ? 'outage' : 'error');
      return reply.code(failure.status).send(failure.body);
    }
  });

  app.addHook('onResponse', async (request) => {
    const span = spans.get(request);
    if (span) span.endedAt = Date.now();
  });

  app.get(`${ADMIN_PREFIX}/controls`, async () => state.controls);
  app.put(`${ADMIN_PREFIX}/controls`, async (request, reply) => {
    const parsed = SandboxControlsSchema.partial().safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.issues });
    Object.assign(state.controls, parsed.data);
    return state.controls;
  });
  app.get(`${ADMIN_PREFIX}/calls`, async () => ({
    total: [...state.calls.values()].reduce((a, b) => a + b, 0),
    byRoute: Object.fromEntries(state.calls),
    recent: state.recent,
  }));
  app.delete(`${ADMIN_PREFIX}/calls`, async () => {
    state.calls.clear();
    state.recent.length = 0;
    return { total: 0 };
  });
  app.get(`${ADMIN_PREFIX}/webhooks`, async () => ({ target: state.webhooks.target ?? null, deliveries: state.webhooks.deliveries() }));
  app.put<{ Body: { target?: string | null } }>(`${ADMIN_PREFIX}/webhooks/target`, async (request) => {
    state.webhooks.target = request.body?.target ?? undefined;
    return { target: state.webhooks.target ?? null };
  });
  app.post<{ Params: { id: string } }>(`${ADMIN_PREFIX}/webhooks/:id/replay`, async (request, reply) => {
    const delivery = await state.webhooks.replay(request.params.id);
    return delivery ?? reply.code(404).send({ error: `no delivery ${request.params.id}` });
  });
  return state;
}

/** The bearer token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}
