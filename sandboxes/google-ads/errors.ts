import { randomBytes } from 'node:crypto';

/**
 * The REST `google.rpc.Status` envelope with a GoogleAdsFailure detail.
 * @see https://developers.google.com/google-ads/api/docs/best-practices/error-types
 */
export function googleAdsFailure(
  httpCode: number,
  status: string,
  message: string,
  errors: { errorCode: Record<string, string>; message: string; details?: unknown }[],
  apiVersion = 'v26',
) {
  return {
    error: {
      code: httpCode,
      message,
      status,
      details: [
        {
          '@type': `type.googleapis.com/google.ads.googleads.${apiVersion}.errors.GoogleAdsFailure`,
          errors,
          requestId: randomBytes(11).toString('base64url'),
        },
      ],
    },
  };
}
