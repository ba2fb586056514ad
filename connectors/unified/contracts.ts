/**
 * What every vendor connector offers the rest of the hub, beside its typed client:
 * a webhook handler (verify, dedupe key, map), an incremental sync, and write-back of consent
 * and erasure. Ingest and the profile program against these interfaces only, so a vendor's
 * language stays inside its connector folder.
 */
import type { UnifiedBatch } from './batch.js';
import type { ConsentStatus, ConsentTopic } from './consent.js';
import type { Identity } from './identity.js';

export type VendorName = 'hubspot' | 'shopify' | 'klaviyo' | 'meta' | 'google-ads';

/** A webhook request exactly as it arrived: the raw bytes are what the vendor signed. */
export interface WebhookRequest {
  method: string;
  /** The full URL the vendor called, scheme, host, path and query (HubSpot signs it). */
  url: string;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
  /** The query parameters (Meta's `hub.challenge` handshake). */
  query: Record<string, string | undefined>;
}

export type WebhookRejection =
  | 'missing_signature'
  | 'invalid_signature'
  | 'stale_timestamp'
  | 'malformed_body'
  | 'not_configured';

export type WebhookVerification = { ok: true } | { ok: false; reason: WebhookRejection };

export interface VendorWebhookHandler {
  vendor: VendorName;
  /** The vendor's exact signature recipe over the raw body, in constant time, with its timestamp tolerance. */
  verify(request: WebhookRequest, now?: number): WebhookVerification;
  /**
   * A key that is the same for a redelivery of the same delivery (the vendor's webhook or event
   * id), so that a replay is recognised and changes nothing.
   */
  deliveryKey(request: WebhookRequest): string;
  /** Meta's GET `hub.challenge` handshake; undefined for vendors without one. */
  handshake?(request: WebhookRequest): { status: number; body: string };
  /**
   * Maps a verified delivery to unified records. May call the vendor for what the webhook
   * only references (a Meta lead id, a HubSpot object id): that is why it is async.
   */
  toBatch(request: WebhookRequest): Promise<UnifiedBatch>;
}

/** Where a sync keeps its place. The profile implements it on the store (memory or Redis). */
export interface CheckpointStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface SyncProgress {
  vendor: VendorName;
  stream: string;
  records: number;
}

export interface SyncRunOptions {
  checkpoints: CheckpointStore;
  /** Receives each page, mapped; the checkpoint advances only after the sink resolves. */
  sink: (batch: UnifiedBatch) => Promise<void>;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Ignore saved checkpoints and read everything (backfill). */
  full?: boolean;
}

export interface VendorSync {
  vendor: VendorName;
  /** The streams this sync reads (`contacts`, `orders`, `events`, ...). */
  streams: readonly string[];
  /**
   * Reads every record changed since the saved checkpoint of each stream, with the overlap the
   * vendor needs so that a record updated during a sync is never skipped, and saves a checkpoint
   * after every page, so a crash resumes where it stopped.
   */
  run(options: SyncRunOptions): Promise<SyncProgress[]>;
}

/** Who a write-back is about: the hub customer and every identifier the hub knows for them. */
export interface WriteBackSubject {
  customerId: string;
  identities: readonly Identity[];
}

export interface WriteBackResult {
  vendor: VendorName;
  /** `applied`: the vendor confirmed; `not_held`: the vendor does not hold this person or channel. */
  outcome: 'applied' | 'not_held';
  detail?: string;
}

/** Pushes the hub's decisions back to a vendor. Throws a retryable VendorError when the vendor is unavailable. */
export interface VendorWriteBack {
  vendor: VendorName;
  /** The consent topics this vendor holds and can be told about. */
  topics: readonly ConsentTopic[];
  applyConsent(subject: WriteBackSubject, topic: ConsentTopic, status: ConsentStatus): Promise<WriteBackResult>;
  /** Deletes or redacts the person at the vendor (or removes them from every audience the hub placed them in). */
  erase(subject: WriteBackSubject): Promise<WriteBackResult>;
}

export type AdPlatform = 'meta' | 'google-ads';

export interface AudienceMembership {
  platform: AdPlatform;
  audienceId: string;
  audienceName: string;
  customerId: string;
  joinedAt: string;
  /** Why the hub placed the person there (the segment or campaign that asked for it). */
  reason: string;
}

/**
 * The hub's own record of who it placed in which ad audience, and whom it must never upload again.
 * Ad platforms do not let anyone read audience membership back, so this ledger is the only truth
 * for "which audiences is this person in" and for removing them on withdrawal or erasure.
 * Implemented in profile/audiences (memory and Redis adapters); connectors receive it injected.
 */
export interface AudienceMembershipLedger {
  joined(membership: AudienceMembership): Promise<void>;
  left(platform: AdPlatform, audienceId: string, customerId: string, at: string): Promise<void>;
  audiencesOf(platform: AdPlatform, customerId: string): Promise<AudienceMembership[]>;
  membersOf(platform: AdPlatform, audienceId: string): Promise<string[]>;
  /** The platform's audiences that have at least one member, sorted (the exposure feed walks them). */
  audiences(platform: AdPlatform): Promise<string[]>;
  /** Records hashed identifiers (SHA-256 hex, normalized per platform) that must never be uploaded again. */
  suppress(hashes: readonly string[]): Promise<void>;
  /** Which of these hashes are suppressed, in order. */
  isSuppressed(hashes: readonly string[]): Promise<boolean[]>;
}
