/**
 * Customer-file custom audiences: create and list under the ad account, add and remove users
 * (`POST|DELETE /{audience_id}/users`) and replace them (`POST /{audience_id}/usersreplace`), each
 * with the `payload` schema and the `session` sequencing Meta defines.
 * @see https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences
 * @see https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users
 * @see https://developers.facebook.com/docs/marketing-api/reference/custom-audience/usersreplace
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseAudiencePayload, parseSession } from '../audience-payload.js';
import type { SandboxAudience, UploadKind } from '../audience-store.js';
import { invalidParameter, unsupportedRequest } from '../errors.js';
import { graphParams, selectFields } from '../graph-request.js';
import { cursorPage } from '../paging.js';
import type { MetaState } from '../state.js';
import type { MetaRouteContext, NodeParams } from './context.js';

const CUSTOMER_FILE_SOURCES = ['USER_PROVIDED_ONLY', 'PARTNER_PROVIDED_ONLY', 'BOTH_USER_AND_PARTNER_PROVIDED'];

/** SHA-256 of every demo person's email and phone, as Meta would hold them: who an upload can match. */
const worldHashes = new WeakMap<MetaState, Set<string>>();
function knownHashes(state: MetaState): Set<string> {
  let hashes = worldHashes.get(state);
  if (!hashes) {
    const sha = (v: string) => createHash('sha256').update(v).digest('hex');
    hashes = new Set(state.people.flatMap((p) => [sha(p.email.trim().toLowerCase()), sha(p.phone.replace(/\D/g, ''))]));
    worldHashes.set(state, hashes);
  }
  return hashes;
}

export function presentAudience(state: MetaState, audience: SandboxAudience) {
  const known = knownHashes(state);
  const matched = [...audience.members.values()].filter((m) => (m.EMAIL && known.has(m.EMAIL)) || (m.PHONE && known.has(m.PHONE))).length;
  return {
    id: audience.id,
    account_id: audience.accountId,
    name: audience.name,
    description: audience.description,
    subtype: audience.subtype,
    customer_file_source: audience.customerFileSource,
    // Meta reports a range around the matched size, never the exact count.
    approximate_count_lower_bound: Math.floor(matched * 0.9),
    approximate_count_upper_bound: Math.ceil(matched * 1.1),
    operation_status: audience.operationStatus,
    delivery_status: { code: 200, description: 'This audience is ready for use.' },
    data_source: { type: 'FILE_IMPORTED', sub_type: 'HASHES', creation_params: '[]' },
    time_created: audience.timeCreated,
    time_updated: audience.timeUpdated,
    time_content_updated: audience.timeUpdated,
  };
}

export function registerAudienceRoutes(app: FastifyInstance, ctx: MetaRouteContext): void {
  const { state } = ctx;
  const account = `act_${state.adAccountId}`;

  app.get<{ Params: NodeParams }>('/:version/:node/customaudiences', async (request) => {
    if (request.params.node !== account) throw unsupportedRequest('GET', request.params.node);
    const params = graphParams(request);
    const audiences = state.audiences.list(state.adAccountId).map((a) => selectFields(presentAudience(state, a), params.fields, ['id'], 'CustomAudience'));
    return cursorPage(request, audiences, (a) => a.id!);
  });

  app.post<{ Params: NodeParams }>('/:version/:node/customaudiences', async (request) => {
    if (request.params.node !== account) throw unsupportedRequest('POST', request.params.node);
    const params = graphParams(request);
    const name = params.name?.trim();
    if (!name) throw invalidParameter('The parameter name is required');
    const subtype = params.subtype ?? 'CUSTOM';
    if (subtype !== 'CUSTOM') throw invalidParameter(`The sandbox creates customer-file audiences only (subtype CUSTOM), not ${subtype}`);
    const source = params.customer_file_source;
    if (!source || !CUSTOMER_FILE_SOURCES.includes(source)) {
      throw invalidParameter(`customer_file_source must be one of the following values: ${CUSTOMER_FILE_SOURCES.join(', ')}`);
    }
    const audience = state.audiences.create({
      accountId: state.adAccountId,
      name,
      description: params.description ?? '',
      customerFileSource: source,
      now: ctx.now(),
    });
    return { id: audience.id };
  });

  const upload = (kind: UploadKind) => async (request: FastifyRequest<{ Params: NodeParams }>) => {
    const audience = state.audiences.get(request.params.node);
    if (!audience) throw unsupportedRequest(request.method, request.params.node);
    const params = graphParams(request);
    const payload = parseAudiencePayload(params.payload);
    const session = parseSession(params.session, kind === 'replace');
    return state.audiences.upload(audience, kind, session, payload, ctx.now());
  };
  app.post<{ Params: NodeParams }>('/:version/:node/users', upload('add'));
  app.delete<{ Params: NodeParams }>('/:version/:node/users', upload('remove'));
  app.post<{ Params: NodeParams }>('/:version/:node/usersreplace', upload('replace'));
}
