/**
 * Admin routes that make something happen in the store, as a buyer or merchant would, and send
 * the webhooks Shopify sends for it (awaited, so a caller sees the hub's answer in the log):
 *   POST /__sandbox/actions/customers                    customers/create
 *   POST /__sandbox/actions/customers/:id/update         customers/update
 *   POST /__sandbox/actions/orders                       orders/create (+ customers/update)
 *   POST /__sandbox/actions/checkouts                    checkouts/create
 *   POST /__sandbox/actions/checkouts/:token/abandon     checkouts/update (now in abandonedCheckouts)
 *   POST /__sandbox/actions/checkouts/:token/complete    checkouts/update, orders/create, customers/update
 *   POST /__sandbox/actions/consent                      customers_email_marketing_consent/update or
 *                                                        customers_marketing_consent/update (+ customers/update)
 *   POST /__sandbox/actions/redact                       customers/redact (the customer asked the merchant)
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ADMIN_PREFIX } from '../kit/create-sandbox-app.js';
import { parseGid, type ShopifyCustomerRecord, type ShopifyState } from './state.js';
import type { Dispatch, StoreEffects } from './store-effects.js';

const CustomerRef = z.string().regex(/^(gid:\/\/shopify\/Customer\/)?\d+$/, 'a Customer GID or numeric id');
const LineItems = z
  .array(
    z.object({
      sku: z.string().min(1),
      title: z.string().min(1),
      quantity: z.number().int().positive(),
      unitPrice: z.string().regex(/^\d+(\.\d{1,2})?$/),
    }),
  )
  .min(1)
  .default([{ sku: 'TEE-ORG-M', title: 'Organic tee', quantity: 1, unitPrice: '28.00' }]);

const Bodies = {
  createCustomer: z.object({
    email: z.string().email(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    phone: z.string().regex(/^\+\d{8,15}$/, 'E.164').optional(),
  }),
  updateCustomer: z.object({
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    phone: z.string().regex(/^\+\d{8,15}$/, 'E.164').optional(),
    tags: z.array(z.string()).optional(),
    note: z.string().optional(),
  }),
  order: z.object({ customerId: CustomerRef, lineItems: LineItems, landingSite: z.string().startsWith('/').optional() }),
  checkout: z.object({ customerId: CustomerRef, lineItems: LineItems }),
  consent: z.discriminatedUnion('channel', [
    z.object({
      channel: z.literal('email'),
      customerId: CustomerRef,
      // A buyer or the store may reach any state here (a bounce makes INVALID), unlike the API.
      state: z.enum(['NOT_SUBSCRIBED', 'PENDING', 'SUBSCRIBED', 'UNSUBSCRIBED', 'INVALID']),
      optInLevel: z.enum(['SINGLE_OPT_IN', 'CONFIRMED_OPT_IN', 'UNKNOWN']).optional(),
    }),
    z.object({
      channel: z.literal('sms'),
      customerId: CustomerRef,
      state: z.enum(['NOT_SUBSCRIBED', 'PENDING', 'SUBSCRIBED', 'UNSUBSCRIBED']),
      optInLevel: z.enum(['SINGLE_OPT_IN', 'CONFIRMED_OPT_IN', 'UNKNOWN']).optional(),
      collectedFrom: z.enum(['SHOPIFY', 'OTHER']).default('SHOPIFY'),
    }),
  ]),
  redact: z.object({ customerId: CustomerRef }),
};

export function registerShopifyActions(app: FastifyInstance, state: ShopifyState, effects: StoreEffects): void {
  const prefix = `${ADMIN_PREFIX}/actions`;
  const findCustomer = (ref: string) => state.customers.get(parseGid(ref)?.legacyId ?? ref);

  /** Parses the body, finds the customer, runs the action and answers with what was sent. */
  function handle<S extends z.ZodType>(
    schema: S,
    run: (body: z.infer<S>, customer: ShopifyCustomerRecord | undefined) => { dispatch: Dispatch; [key: string]: unknown } | undefined,
  ) {
    return async (request: { body: unknown; params: unknown }, reply: FastifyReply) => {
      const parsed = schema.safeParse(request.body ?? {});
      if (!parsed.success) return reply.code(400).send({ error: 'invalid body', issues: parsed.error.issues });
      const ref = (parsed.data as { customerId?: string }).customerId ?? (request.params as { id?: string }).id;
      const customer = ref === undefined ? undefined : findCustomer(ref);
      if (ref !== undefined && !customer) return reply.code(404).send({ error: `no customer ${ref}` });
      const outcome = run(parsed.data, customer);
      if (!outcome) return reply.code(404).send({ error: 'not found' });
      const { dispatch, ...rest } = outcome;
      const deliveries = await dispatch.sent;
      return reply.code(201).send({
        ...rest,
        eventId: dispatch.eventId,
        webhooks: deliveries.map((d) => ({ id: d.id, topic: d.topic, status: d.status ?? null, error: d.error ?? null })),
      });
    };
  }

  app.post(`${prefix}/customers`, handle(Bodies.createCustomer, (body) => {
    const { customer, dispatch } = effects.createCustomer(body);
    return { customerId: `gid://shopify/Customer/${customer.legacyId}`, dispatch };
  }));
  app.post(`${prefix}/customers/:id/update`, handle(Bodies.updateCustomer, (body, customer) => effects.updateCustomer(customer!, body)));
  app.post(`${prefix}/orders`, handle(Bodies.order, (body, customer) => {
    const { order, dispatch } = effects.placeOrder(customer!, { lineItems: body.lineItems, landingSite: body.landingSite });
    return { orderId: `gid://shopify/Order/${order.legacyId}`, dispatch };
  }));
  app.post(`${prefix}/checkouts`, handle(Bodies.checkout, (body, customer) => {
    const { checkout, dispatch } = effects.startCheckout(customer!, body.lineItems);
    return { token: checkout.token, dispatch };
  }));
  app.post(`${prefix}/consent`, handle(Bodies.consent, (body, customer) =>
    body.channel === 'email'
      ? effects.setEmailConsent(customer!, {
          state: body.state,
          optInLevel: body.state === 'NOT_SUBSCRIBED' ? null : (body.optInLevel ?? 'SINGLE_OPT_IN'),
          updatedAt: effects.now(),
        })
      : effects.setSmsConsent(customer!, {
          state: body.state,
          optInLevel: body.optInLevel ?? 'SINGLE_OPT_IN',
          updatedAt: effects.now(),
          collectedFrom: body.collectedFrom,
        }),
  ));
  app.post(`${prefix}/redact`, handle(Bodies.redact, (_body, customer) => effects.eraseCustomer(customer!)));
  registerCheckoutTransitions(app, prefix, state, effects);
}

/** Abandon and complete address a checkout by its token, as Shopify's checkout webhooks do. */
function registerCheckoutTransitions(app: FastifyInstance, prefix: string, state: ShopifyState, effects: StoreEffects): void {
  const answer = async (reply: FastifyReply, dispatch: Dispatch, extra: Record<string, unknown> = {}) => {
    const deliveries = await dispatch.sent;
    return reply.code(201).send({
      ...extra,
      eventId: dispatch.eventId,
      webhooks: deliveries.map((d) => ({ id: d.id, topic: d.topic, status: d.status ?? null, error: d.error ?? null })),
    });
  };
  app.post<{ Params: { token: string } }>(`${prefix}/checkouts/:token/abandon`, async (request, reply) => {
    const checkout = state.checkoutByToken(request.params.token);
    if (!checkout) return reply.code(404).send({ error: `no checkout ${request.params.token}` });
    if (checkout.completedAt || checkout.abandoned) return reply.code(409).send({ error: 'checkout already completed or abandoned' });
    return answer(reply, effects.abandonCheckout(checkout).dispatch);
  });
  app.post<{ Params: { token: string } }>(`${prefix}/checkouts/:token/complete`, async (request, reply) => {
    const checkout = state.checkoutByToken(request.params.token);
    const customer = checkout?.customerId ? state.customers.get(checkout.customerId) : undefined;
    if (!checkout || !customer) return reply.code(404).send({ error: `no checkout ${request.params.token}` });
    if (checkout.completedAt) return reply.code(409).send({ error: 'checkout already completed' });
    const { order, dispatch } = effects.completeCheckout(checkout, customer);
    return answer(reply, dispatch, { orderId: `gid://shopify/Order/${order.legacyId}` });
  });
}
