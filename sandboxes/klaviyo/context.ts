/** What the Klaviyo sandbox's route modules share. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebhookDelivery } from '../kit/webhook-sender.js';
import { invalid } from './errors.js';
import { FilterSyntaxError, filterProblem, parseFilter, type FilterCondition, type FilterRules } from './filter.js';
import type { KlaviyoEventRecord } from './history.js';
import type { JobQueue } from './jobs.js';
import { PagingError } from './paging.js';
import type { RateLimitBucket } from './rate-limits.js';
import type { KlaviyoState } from './state.js';

export type Query = Record<string, string | undefined>;

export interface KlaviyoRouteContext {
  app: FastifyInstance;
  state: KlaviyoState;
  jobs: JobQueue;
  /** Sends the signed system webhook for these events (if any has a topic). */
  notify(events: readonly KlaviyoEventRecord[]): Promise<WebhookDelivery | undefined>;
}

/** The route option naming the rate-limit bucket a route counts against. */
export const bucket = (name: RateLimitBucket) => ({ config: { bucket: name } });

export const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
export const selfUrl = (request: FastifyRequest) => `${origin(request)}${request.url}`;

/** Comma-separated list parameters (`additional-fields[profile]`, `include`, `fields[...]`). */
export const listParam = (value: string | undefined): string[] =>
  value === undefined ? [] : value.split(',').map((v) => v.trim()).filter(Boolean);

/** Parses and checks `filter` against the endpoint's rules; replies 400 and returns null when Klaviyo would refuse it. */
export function readFilter(query: Query, rules: FilterRules, reply: FastifyReply): FilterCondition | undefined | null {
  if (!query.filter) return undefined;
  try {
    const condition = parseFilter(query.filter);
    const problem = filterProblem(condition, rules);
    if (!problem) return condition;
    void reply.code(400).send(invalid(problem, { parameter: 'filter' }));
  } catch (error) {
    if (!(error instanceof FilterSyntaxError)) throw error;
    void reply.code(400).send(invalid(`Invalid filter provided: ${error.message}`, { parameter: 'filter' }));
  }
  return null;
}

/** Checks `sort` against the endpoint's allowed fields. */
export function readSort(query: Query, allowed: readonly string[], fallback: string, reply: FastifyReply): { field: string; descending: boolean } | null {
  const raw = query.sort ?? fallback;
  const field = raw.replace(/^-/, '');
  if (!allowed.includes(field)) {
    void reply.code(400).send(invalid(`'${raw}' is not a valid sort field for the resource.`, { parameter: 'sort' }));
    return null;
  }
  return { field, descending: raw.startsWith('-') };
}

/** Runs a handler body, turning paging problems into Klaviyo's 400. */
export function pagingErrors(reply: FastifyReply, error: unknown) {
  if (error instanceof PagingError) return reply.code(400).send(invalid(error.message, { parameter: error.parameter }));
  throw error;
}
