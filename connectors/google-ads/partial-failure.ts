/**
 * Reads a `partialFailureError` into failures per request row. Google locates each failure by
 * a field path whose first element is the repeated request field and its index
 * (`conversions[3].gclid`, `operations[1].create.user_identifiers[0].hashed_email`).
 * @see https://developers.google.com/google-ads/api/docs/best-practices/partial-failures
 */
import type { RpcStatus } from './schemas.js';

export interface RowFailure {
  index: number;
  /** `conversionUploadError.CONVERSION_PRECEDES_EVENT` */
  code: string;
  message: string;
  /** `conversions[3].conversion_date_time` */
  field: string;
}

export function rowFailures(status: RpcStatus | undefined, repeatedField: string): RowFailure[] {
  const out: RowFailure[] = [];
  for (const detail of status?.details ?? []) {
    for (const error of detail.errors ?? []) {
      const path = error.location?.fieldPathElements ?? [];
      const head = path[0];
      if (head?.fieldName !== repeatedField || head.index === undefined) continue;
      const [family, code] = Object.entries(error.errorCode)[0] ?? ['unknown', 'UNKNOWN'];
      out.push({
        index: head.index,
        code: `${family}.${code}`,
        message: error.message,
        field: path.map((p) => (p.index === undefined ? p.fieldName : `${p.fieldName}[${p.index}]`)).join('.'),
      });
    }
  }
  return out;
}
