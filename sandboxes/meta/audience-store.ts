/**
 * Customer-file custom audiences held by the sandbox: their members (rows of hashed keys; a row
 * matching an existing member on any key merges into it, as Meta matches a person on any key) and
 * their upload sessions. A session's batches are applied once each (a retried `batch_seq` is
 * answered again, not applied twice); nothing more is accepted after the last batch; a replace
 * session swaps the whole membership when its last batch arrives, must finish within 90 minutes,
 * and blocks add/remove while it is open.
 * @see https://developers.facebook.com/docs/marketing-api/reference/custom-audience/usersreplace
 */
import type { AudienceKey, AudienceRow, ParsedPayload, UploadSession } from './audience-payload.js';
import { invalidParameter } from './errors.js';

export type UploadKind = 'add' | 'remove' | 'replace';

export interface UploadResponse {
  audience_id: string;
  session_id: string;
  num_received: number;
  num_invalid_entries: number;
  invalid_entry_samples: Record<string, string>;
}

interface SessionState {
  kind: UploadKind;
  startedAt: number;
  finished: boolean;
  expired: boolean;
  /** Each batch's answer, so a retried batch gets the same one. */
  batches: Map<number, UploadResponse>;
  /** A replace session's rows, applied at its last batch. */
  pending: AudienceRow[];
}

export interface SandboxAudience {
  id: string;
  accountId: string;
  name: string;
  description: string;
  subtype: 'CUSTOM';
  customerFileSource: string;
  /** Unix seconds. */
  timeCreated: number;
  timeUpdated: number;
  /** Meta's integrity flag: 471 blocks any membership change. */
  operationStatus: { code: number; description: string };
  members: Map<number, AudienceRow>;
  /** `{key}:{hash}` → member number. */
  index: Map<string, number>;
  nextMember: number;
  sessions: Map<string, SessionState>;
  openReplace: string | undefined;
}

/** A replace session must receive its last batch within 90 minutes of its first. */
export const REPLACE_SESSION_MS = 90 * 60_000;

export class AudienceStore {
  private readonly audiences = new Map<string, SandboxAudience>();
  private created = 0;
  private autoSession = 0;

  has(id: string): boolean {
    return this.audiences.has(id);
  }

  get(id: string): SandboxAudience | undefined {
    return this.audiences.get(id);
  }

  list(accountId: string): SandboxAudience[] {
    return [...this.audiences.values()].filter((a) => a.accountId === accountId);
  }

  get size(): number {
    return this.audiences.size;
  }

  create(input: { accountId: string; name: string; description: string; customerFileSource: string; now: number }): SandboxAudience {
    this.created++;
    const seconds = Math.floor(input.now / 1000);
    const audience: SandboxAudience = {
      id: `2385${String(this.created).padStart(13, '0')}`,
      accountId: input.accountId,
      name: input.name,
      description: input.description,
      subtype: 'CUSTOM',
      customerFileSource: input.customerFileSource,
      timeCreated: seconds,
      timeUpdated: seconds,
      operationStatus: { code: 200, description: 'Normal' },
      members: new Map(),
      index: new Map(),
      nextMember: 0,
      sessions: new Map(),
      openReplace: undefined,
    };
    this.audiences.set(audience.id, audience);
    return audience;
  }

  delete(id: string): boolean {
    return this.audiences.delete(id);
  }

  /** Applies one request's batch, with Meta's session rules. */
  upload(audience: SandboxAudience, kind: UploadKind, session: UploadSession | undefined, payload: ParsedPayload, now: number): UploadResponse {
    if (audience.operationStatus.code === 471) {
      throw invalidParameter('Invalid parameter', {
        error_subcode: 1713230,
        error_user_title: 'Audience Upload Blocked',
        error_user_msg:
          'Before updating user memberships, you must resolve integrity restrictions on this Data File Custom Audience. Go to Audience Manager to appeal the restrictions or create a new audience with updated data',
      });
    }
    this.expireReplace(audience, now);
    const sessionId = session?.sessionId ?? `${Math.floor(now / 1000)}${String(++this.autoSession).padStart(6, '0')}`;
    if (audience.openReplace !== undefined && audience.openReplace !== sessionId) {
      throw invalidParameter(
        `Audience ${audience.id} is being replaced by upload session ${audience.openReplace}: wait for its last batch before another upload`,
      );
    }
    let state = audience.sessions.get(sessionId);
    const replay = session && state?.batches.get(session.batchSeq);
    if (replay) return replay;
    if (state && state.kind !== kind) throw invalidParameter(`Upload session ${sessionId} was started for another operation (${state.kind})`);
    if (state?.expired) throw invalidParameter(`Upload session ${sessionId} has expired: a replace session must finish within 90 minutes`);
    if (state?.finished) throw invalidParameter(`Upload session ${sessionId} has already received its last batch`);
    if (!state) {
      state = { kind, startedAt: now, finished: false, expired: false, batches: new Map(), pending: [] };
      audience.sessions.set(sessionId, state);
      if (kind === 'replace') audience.openReplace = sessionId;
    }

    if (kind === 'add') for (const row of payload.rows) this.addRow(audience, row);
    if (kind === 'remove') for (const row of payload.rows) this.removeRow(audience, row);
    if (kind === 'replace') state.pending.push(...payload.rows);
    const last = session ? session.lastBatch : true;
    if (last) {
      state.finished = true;
      if (kind === 'replace') {
        audience.members.clear();
        audience.index.clear();
        for (const row of state.pending) this.addRow(audience, row);
        state.pending = [];
        audience.openReplace = undefined;
      }
    }
    audience.timeUpdated = Math.floor(now / 1000);
    const response: UploadResponse = {
      audience_id: audience.id,
      session_id: sessionId,
      num_received: payload.numReceived,
      num_invalid_entries: payload.numInvalid,
      invalid_entry_samples: payload.invalidSamples,
    };
    state.batches.set(session?.batchSeq ?? 1, response);
    return response;
  }

  /** The audience's members, each a row of hashed keys. */
  members(audience: SandboxAudience): AudienceRow[] {
    return [...audience.members.values()];
  }

  contains(audience: SandboxAudience, key: AudienceKey, hash: string): boolean {
    return audience.index.has(`${key}:${hash}`);
  }

  private expireReplace(audience: SandboxAudience, now: number): void {
    const open = audience.openReplace && audience.sessions.get(audience.openReplace);
    if (open && now - open.startedAt > REPLACE_SESSION_MS) {
      // The session stays known (so its later batches are refused) but its rows are dropped.
      open.finished = true;
      open.expired = true;
      open.pending = [];
      audience.openReplace = undefined;
    }
  }

  private addRow(audience: SandboxAudience, row: AudienceRow): void {
    const entries = Object.entries(row) as [AudienceKey, string][];
    const existing = entries.map(([key, hash]) => audience.index.get(`${key}:${hash}`)).find((m) => m !== undefined);
    const number = existing ?? audience.nextMember++;
    const member = audience.members.get(number) ?? {};
    for (const [key, hash] of entries) {
      if (member[key] === undefined) {
        member[key] = hash;
        audience.index.set(`${key}:${hash}`, number);
      }
    }
    audience.members.set(number, member);
  }

  private removeRow(audience: SandboxAudience, row: AudienceRow): void {
    for (const [key, hash] of Object.entries(row) as [AudienceKey, string][]) {
      const number = audience.index.get(`${key}:${hash}`);
      if (number === undefined) continue;
      const member = audience.members.get(number)!;
      for (const [k, h] of Object.entries(member)) audience.index.delete(`${k}:${h}`);
      audience.members.delete(number);
    }
  }
}
