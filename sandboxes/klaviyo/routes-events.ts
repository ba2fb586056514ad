/**
 * Events and metrics. Events filter on `profile_id` / `metric_id` (equals), `datetime` /
 * `timestamp` comparisons and `has(profile|metric)`; sort on `datetime` / `timestamp`; `include=metric,profile`.
 * @see https://developers.klaviyo.com/en/reference/get_events
 * @see https://developers.klaviyo.com/en/reference/get_metrics
 */
import { bucket, listParam, origin, pagingErrors, readFilter, readSort, selfUrl, type KlaviyoRouteContext, type Query } from './context.js';
import { invalid, notFound } from './errors.js';
import { matchesFilter, type FilterCondition, type FilterRules } from './filter.js';
import type { KlaviyoEventRecord } from './history.js';
import { collectionLinks, keysetPage, pageSize, sortRows } from './paging.js';
import { eventResource, metricResource, profileResource } from './resources.js';
import type { KlaviyoState } from './state.js';

const COMPARISONS = ['greater-or-equal', 'greater-than', 'less-or-equal', 'less-than'] as const;
const EVENT_FILTERS: FilterRules = {
  metric_id: ['equals'],
  profile_id: ['equals'],
  profile: ['has'],
  metric: ['has'],
  datetime: COMPARISONS,
  timestamp: COMPARISONS,
};
const METRIC_FILTERS: FilterRules = { 'integration.name': ['equals'], 'integration.category': ['equals'] };
const INCLUDES = ['metric', 'profile', 'attributions'];
/** The spec allows `page[size]` up to 1000, but "returns a maximum of 200 events per page". */
const EVENTS_PER_PAGE_SERVED = 200;

/** The profile a filter pins (`equals(profile_id, ...)` alone or in an `and`), to read only that history. */
function pinnedProfile(filter: FilterCondition | undefined): string | undefined {
  if (!filter) return undefined;
  if (filter.op === 'and') return filter.conditions.map(pinnedProfile).find((id) => id !== undefined);
  return filter.op === 'equals' && filter.field === 'profile_id' && typeof filter.value === 'string' ? filter.value : undefined;
}

function included(events: readonly KlaviyoEventRecord[], includes: string[], state: KlaviyoState, base: string) {
  const out: unknown[] = [];
  if (includes.includes('metric')) {
    const names = new Set(events.map((e) => e.metric));
    for (const name of names) out.push(metricResource(state.catalog.metricByName.get(name)!, base));
  }
  if (includes.includes('profile')) {
    for (const id of new Set(events.map((e) => e.profileId))) {
      const profile = state.profiles.get(id);
      if (profile) out.push(profileResource(profile, state, base));
    }
  }
  return out;
}

export function registerEventRoutes({ app, state }: KlaviyoRouteContext) {
  const eventField = (event: KlaviyoEventRecord, field: string): unknown => {
    switch (field) {
      case 'profile_id':
        return event.profileId;
      case 'metric_id':
        return state.catalog.metricByName.get(event.metric)!.id;
      case 'datetime':
        // Epoch ms compare directly with the filter's parsed datetime.
        return event.at;
      case 'timestamp':
        return Math.floor(event.at / 1000);
      case 'profile':
      case 'metric':
        return true;
      default:
        return undefined;
    }
  };

  app.get<{ Querystring: Query }>('/api/events', bucket('events'), async (request, reply) => {
    try {
      const query = request.query;
      const size = Math.min(pageSize(query['page[size]'], { default: 200, max: 1000 }), EVENTS_PER_PAGE_SERVED);
      const includes = listParam(query.include);
      const badInclude = includes.find((i) => !INCLUDES.includes(i));
      if (badInclude) return reply.code(400).send(invalid(`'${badInclude}' is not a valid relationship for include.`, { parameter: 'include' }));
      const filter = readFilter(query, EVENT_FILTERS, reply);
      const sort = readSort(query, ['datetime', 'timestamp'], 'datetime', reply);
      if (filter === null || !sort) return reply;
      const profileId = pinnedProfile(filter);
      const source = profileId !== undefined ? state.eventsOf(profileId) : state.allEvents();
      const matching = source.filter((e) => !filter || matchesFilter(filter, (f) => eventField(e, f)));
      const keyOf = (e: KlaviyoEventRecord) => [e.at, e.id];
      const { rows, next } = keysetPage(sortRows([...matching], keyOf, sort.descending), keyOf, sort.descending, query['page[cursor]'], size);
      const base = origin(request);
      return {
        data: rows.map((e) => eventResource(e, state, base)),
        links: collectionLinks(selfUrl(request), next),
        ...(includes.length > 0 ? { included: included(rows, includes, state, base) } : {}),
      };
    } catch (error) {
      return pagingErrors(reply, error);
    }
  });

  app.get<{ Params: { id: string }; Querystring: Query }>('/api/events/:id', bucket('events'), async (request, reply) => {
    const event = state.event(request.params.id);
    if (!event) return reply.code(404).send(notFound(`An event with id ${request.params.id} does not exist.`));
    const base = origin(request);
    const includes = listParam(request.query.include);
    return {
      data: eventResource(event, state, base),
      links: { self: selfUrl(request) },
      ...(includes.length > 0 ? { included: included([event], includes, state, base) } : {}),
    };
  });

  app.get<{ Querystring: Query }>('/api/metrics', bucket('metrics'), async (request, reply) => {
    const filter = readFilter(request.query, METRIC_FILTERS, reply);
    if (filter === null) return reply;
    const metrics = state.catalog.metrics.filter(
      (m) => !filter || matchesFilter(filter, (f) => (f === 'integration.name' ? m.integration.name : f === 'integration.category' ? m.integration.category : undefined)),
    );
    return { data: metrics.map((m) => metricResource(m, origin(request))), links: collectionLinks(selfUrl(request), undefined) };
  });

  app.get<{ Params: { id: string } }>('/api/metrics/:id', bucket('metrics'), async (request, reply) => {
    const metric = state.catalog.metrics.find((m) => m.id === request.params.id);
    if (!metric) return reply.code(404).send(notFound(`A metric with id ${request.params.id} does not exist.`));
    return { data: metricResource(metric, origin(request)), links: { self: selfUrl(request) } };
  });
}
