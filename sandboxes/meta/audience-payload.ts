/**
 * The `payload` and `session` parameters of `/{audience_id}/users` and `/usersreplace`, parsed and
 * validated as Meta does: a multi-key `schema` array with rows of the same width, or the
 * single-key shorthand (`EMAIL_SHA256`, `PHONE_SHA256`, `MOBILE_ADVERTISER_ID`) with a flat list.
 * A malformed payload fails the whole request (code 100); a malformed row only counts as an
 * invalid entry, with a few samples in `invalid_entry_samples`.
 * @see https://developers.facebook.com/docs/marketing-api/reference/custom-audience/users
 * @see https://developers.facebook.com/docs/marketing-api/audiences/guides/custom-audiences#hash
 */
import { z } from 'zod';
import { invalidParameter } from './errors.js';

export const MULTI_KEYS = ['EXTERN_ID', 'EMAIL', 'PHONE', 'GEN', 'DOBY', 'DOBM', 'DOBD', 'LN', 'FN', 'FI', 'CT', 'ST', 'ZIP', 'MADID', 'COUNTRY', 'APPUID'] as const;
export type AudienceKey = (typeof MULTI_KEYS)[number];
const SINGLE_KEYS: Record<string, AudienceKey> = { EMAIL_SHA256: 'EMAIL', PHONE_SHA256: 'PHONE', MOBILE_ADVERTISER_ID: 'MADID' };
/** Keys Meta takes as given; every other key must be a SHA-256 hash. */
const UNHASHED: ReadonlySet<AudienceKey> = new Set(['EXTERN_ID', 'MADID', 'APPUID']);
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Meta takes at most 10,000 rows per request. */
export const MAX_ROWS_PER_REQUEST = 10_000;
const MAX_SAMPLES = 5;

export type AudienceRow = Partial<Record<AudienceKey, string>>;

export interface ParsedPayload {
  schema: AudienceKey[];
  /** The valid rows, each reduced to its non-empty keys. */
  rows: AudienceRow[];
  numReceived: number;
  numInvalid: number;
  invalidSamples: Record<string, string>;
}

const asJson = (name: string, raw: unknown): unknown => {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw invalidParameter(`Param ${name} must be a JSON object`);
  }
};

export function parseAudiencePayload(raw: unknown): ParsedPayload {
  if (raw === undefined || raw === '') throw invalidParameter('The parameter payload is required');
  const payload = asJson('payload', raw);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw invalidParameter('Param payload must be a JSON object');
  const { schema: rawSchema, data } = payload as { schema?: unknown; data?: unknown };

  let schema: AudienceKey[];
  let single = false;
  if (typeof rawSchema === 'string') {
    const key = SINGLE_KEYS[rawSchema] ?? (MULTI_KEYS.includes(rawSchema as AudienceKey) ? (rawSchema as AudienceKey) : undefined);
    if (!key) throw invalidParameter(`Invalid schema: ${rawSchema}`);
    schema = [key];
    single = true;
  } else if (Array.isArray(rawSchema) && rawSchema.length > 0) {
    const unknown = rawSchema.find((k) => !MULTI_KEYS.includes(k as AudienceKey));
    if (unknown !== undefined) throw invalidParameter(`Invalid schema field: ${String(unknown)}`);
    if (new Set(rawSchema).size !== rawSchema.length) throw invalidParameter('Duplicate fields in schema');
    schema = rawSchema as AudienceKey[];
  } else {
    throw invalidParameter('Param payload[schema] is required');
  }
  if (!Array.isArray(data) || data.length === 0) throw invalidParameter('Param payload[data] must be a non-empty array');
  if (data.length > MAX_ROWS_PER_REQUEST) {
    throw invalidParameter(`Too many entries in payload[data]: at most ${MAX_ROWS_PER_REQUEST} rows are accepted per request`);
  }

  const rows: AudienceRow[] = [];
  const invalidSamples: Record<string, string> = {};
  let numInvalid = 0;
  const reject = (sample: string, reason: string) => {
    numInvalid++;
    if (Object.keys(invalidSamples).length < MAX_SAMPLES) invalidSamples[sample] = reason;
  };
  for (const entry of data) {
    const values: unknown = single && !Array.isArray(entry) ? [entry] : entry;
    if (!Array.isArray(values) || values.length !== schema.length) {
      reject(JSON.stringify(entry) ?? String(entry), `Row does not have ${schema.length} field(s) as the schema says`);
      continue;
    }
    const row: AudienceRow = {};
    let problem: [string, string] | undefined;
    values.forEach((value, i) => {
      const key = schema[i]!;
      if (problem) return;
      if (typeof value !== 'string') {
        problem = [JSON.stringify(value) ?? String(value), `${key} must be a string`];
      } else if (value !== '') {
        if (!UNHASHED.has(key) && !SHA256_HEX.test(value)) problem = [value, `${key} is not a SHA-256 hash (64 lower-case hex characters)`];
        else row[key] = value;
      }
    });
    if (problem) reject(...problem);
    else if (Object.keys(row).length === 0) reject(JSON.stringify(entry), 'Row has no identifier');
    else rows.push(row);
  }
  return { schema, rows, numReceived: data.length, numInvalid, invalidSamples };
}

export interface UploadSession {
  sessionId: string;
  batchSeq: number;
  lastBatch: boolean;
  estimatedTotal?: number | undefined;
}

const SessionSchema = z.object({
  session_id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,19}$/)]).transform(String),
  batch_seq: z.number().int().positive(),
  last_batch_flag: z.boolean(),
  estimated_num_total: z.number().int().nonnegative().optional(),
});

export function parseSession(raw: unknown, required: boolean): UploadSession | undefined {
  if (raw === undefined || raw === '') {
    if (required) throw invalidParameter('The parameter session is required');
    return undefined;
  }
  const parsed = SessionSchema.safeParse(asJson('session', raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidParameter(`Param session[${issue?.path.join('.') ?? ''}] is invalid: ${issue?.message ?? ''}`);
  }
  const s = parsed.data;
  return { sessionId: s.session_id, batchSeq: s.batch_seq, lastBatch: s.last_batch_flag, estimatedTotal: s.estimated_num_total };
}
