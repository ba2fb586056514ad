/**
 * The scope vocabulary of the hub. A field or mutation that needs more than "an authenticated
 * client" carries `@requiresScopes(scopes: [[...]])` in its subgraph schema; the gateway refuses
 * it to a caller without the scope, and subgraphs re-check mutations. Every scope named in the
 * supergraph must be listed here (a test checks it), so the catalogue in docs/ARCHITECTURE.md
 * stays complete.
 */
export const SCOPES = {
  /** Raw personal data: emails, phone numbers, postal addresses, person names. */
  PII_READ: 'pii:read',
  /** Recording consent changes (and their write-back to every vendor). */
  CONSENT_WRITE: 'consent:write',
  /** Reserving a contact slot against the cross-channel frequency caps. */
  FREQUENCY_WRITE: 'frequency:write',
  /** Erasing a person from every vendor and from the hub (GDPR/CCPA deletion). */
  ERASURE_WRITE: 'erasure:write',
} as const;

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

export const ALL_SCOPES: readonly Scope[] = Object.values(SCOPES);
