/**
 * Structured logs (pino). Credentials and raw personal data never reach a log line: the redact
 * list covers the header and field names through which they travel.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-shopify-access-token"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-shopify-access-token"]',
  '*.accessToken',
  '*.access_token',
  '*.apiKey',
  '*.credential',
  '*.secret',
  '*.email',
  '*.phone',
  '*.phone_number',
  '*.emailAddress',
];

/** `destination` defaults to stdout; tests pass a stream to read exactly what would be written. */
export function createLogger(name: string, level = 'info', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: name },
  };
  return destination ? pino(options, destination) : pino(options);
}
