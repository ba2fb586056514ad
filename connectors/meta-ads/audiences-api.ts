/**
 * Customer-file custom audiences: create one under the ad account, and add, remove or replace its
 * members in batches of at most 10,000 rows, all batches of one operation in one `session`
 * (`session_id`, `batch_seq` from 1, `last_batch_flag` on the last, `estimated_num_total`). A batch
 * retried by the HTTP core carries the same `batch_seq`, so Meta applies it once.
 * @see https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences
 * @see https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users
 * @see https://developers.facebook.com/docs/marketing-api/reference/custom-audience/usersreplace
 */
import { randomInt } from 'node:crypto';
import { parseVendorPayload } from '../http/parse.js';
import { META, type MetaGraph } from './graph-http.js';
import { UPLOAD_SCHEMA } from './hashing.js';
import { AudienceUploadResponseSchema, CreatedObjectSchema } from './schemas.js';

/** Meta takes at most 10,000 rows per request. */
export const MAX_AUDIENCE_BATCH = 10_000;

export type AudienceOperation = 'add' | 'remove' | 'replace';

export interface UploadSummary {
  audienceId: string;
  sessionId: string;
  batches: number;
  numReceived: number;
  numInvalid: number;
  /** Meta's samples of rejected rows (hashes only: the hub never uploads raw identifiers). */
  invalidSamples: Record<string, string>;
}

export class MetaAudienceInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetaAudienceInputError';
  }
}

export interface MetaAudiencesApi {
  createCustomAudience(input: { name: string; description?: string }): Promise<{ id: string }>;
  /** Rows of UPLOAD_SCHEMA (`EXTERN_ID`, hashed `EMAIL`, hashed `PHONE`). */
  uploadUsers(operation: AudienceOperation, audienceId: string, rows: readonly (readonly string[])[]): Promise<UploadSummary>;
}

export function createAudiencesApi(graph: MetaGraph, adAccountId: string, options: { batchSize?: number } = {}): MetaAudiencesApi {
  const batchSize = options.batchSize ?? MAX_AUDIENCE_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_AUDIENCE_BATCH) {
    throw new MetaAudienceInputError(`batchSize must be an integer from 1 to ${MAX_AUDIENCE_BATCH}`);
  }
  const account = adAccountId.startsWith('act_') ? adAccountId : `act_${adAccountId}`;

  return {
    async createCustomAudience({ name, description }) {
      if (name.trim() === '') throw new MetaAudienceInputError('an audience needs a name');
      const body = await graph.request('audiences.create', {
        method: 'POST',
        url: `/${account}/customaudiences`,
        data: form({ name, subtype: 'CUSTOM', customer_file_source: 'USER_PROVIDED_ONLY', description: description ?? '' }),
      });
      return parseVendorPayload(META, 'audiences.create', CreatedObjectSchema, body);
    },

    async uploadUsers(operation, audienceId, rows) {
      if (rows.length === 0) {
        if (operation === 'replace') throw new MetaAudienceInputError('usersreplace needs at least one row; remove the members to empty an audience');
        return { audienceId, sessionId: '', batches: 0, numReceived: 0, numInvalid: 0, invalidSamples: {} };
      }
      if (rows.some((row) => row.length !== UPLOAD_SCHEMA.length)) throw new MetaAudienceInputError(`every row must have ${UPLOAD_SCHEMA.length} fields`);
      // A 52-bit id stays exact in JSON numbers.
      const sessionId = randomInt(1, 2 ** 47) * 32 + randomInt(0, 32);
      const batches = Math.ceil(rows.length / batchSize);
      const summary: UploadSummary = { audienceId, sessionId: String(sessionId), batches, numReceived: 0, numInvalid: 0, invalidSamples: {} };
      const edge = operation === 'replace' ? 'usersreplace' : 'users';
      for (let seq = 1; seq <= batches; seq++) {
        const data = rows.slice((seq - 1) * batchSize, seq * batchSize);
        const body = await graph.request(`audiences.${operation}`, {
          method: operation === 'remove' ? 'DELETE' : 'POST',
          url: `/${audienceId}/${edge}`,
          data: form({
            payload: JSON.stringify({ schema: UPLOAD_SCHEMA, data }),
            session: JSON.stringify({ session_id: sessionId, batch_seq: seq, last_batch_flag: seq === batches, estimated_num_total: rows.length }),
          }),
        });
        const answer = parseVendorPayload(META, `audiences.${operation}`, AudienceUploadResponseSchema, body);
        summary.numReceived += answer.num_received;
        summary.numInvalid += answer.num_invalid_entries;
        for (const [sample, reason] of Object.entries(answer.invalid_entry_samples ?? {})) {
          if (Object.keys(summary.invalidSamples).length < 10) summary.invalidSamples[sample] = reason;
        }
      }
      return summary;
    },
  };
}

/** Graph takes writes as form fields. */
const form = (fields: Record<string, string>) => new URLSearchParams(fields);
