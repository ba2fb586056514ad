/**
 * The behaviour every AudienceMembershipLedger adapter must show. Each adapter's test file calls
 * this with a factory; the assertions are the same for memory and Redis.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AudienceMembership, AudienceMembershipLedger } from '../../connectors/unified/contracts.js';
import { AudienceLedgerInputError } from './audience-membership.js';

export interface LedgerFixture {
  ledger: AudienceMembershipLedger;
  cleanup: () => Promise<void>;
}

const T1 = '2026-10-01T10:00:00.000Z';
const T2 = '2026-10-02T10:00:00.000Z';
const T3 = '2026-10-03T10:00:00.000Z';
const sha = (value: string) => createHash('sha256').update(value).digest('hex');

const membership = (overrides: Partial<AudienceMembership> = {}): AudienceMembership => ({
  platform: 'meta',
  audienceId: '23850000000000001',
  audienceName: 'Hub: cart abandoners',
  customerId: 'cus_a',
  joinedAt: T1,
  reason: 'segment:cart-abandoners',
  ...overrides,
});

export function describeAudienceLedgerContract(name: string, create: () => Promise<LedgerFixture>): void {
  describe(`AudienceMembershipLedger contract: ${name}`, () => {
    let fixture: LedgerFixture;
    let ledger: AudienceMembershipLedger;
    beforeEach(async () => {
      fixture = await create();
      ledger = fixture.ledger;
    });
    afterEach(async () => fixture.cleanup());

    it('records a placement and answers it from both sides', async () => {
      await ledger.joined(membership());
      await ledger.joined(membership({ customerId: 'cus_b', joinedAt: T2 }));
      expect(await ledger.audiencesOf('meta', 'cus_a')).toEqual([membership()]);
      expect(await ledger.membersOf('meta', '23850000000000001')).toEqual(['cus_a', 'cus_b']);
      expect(await ledger.audiencesOf('meta', 'cus_nobody')).toEqual([]);
      expect(await ledger.membersOf('meta', 'no-such-audience')).toEqual([]);
    });

    it('lists a platform’s audiences that have members, and drops one when its last member leaves', async () => {
      expect(await ledger.audiences('meta')).toEqual([]);
      await ledger.joined(membership({ audienceId: 'aud-2' }));
      await ledger.joined(membership({ audienceId: 'aud-1' }));
      await ledger.joined(membership({ audienceId: 'aud-1', customerId: 'cus_b' }));
      await ledger.joined(membership({ platform: 'google-ads', audienceId: 'list-1' }));
      expect(await ledger.audiences('meta')).toEqual(['aud-1', 'aud-2']);
      expect(await ledger.audiences('google-ads')).toEqual(['list-1']);
      await ledger.left('meta', 'aud-1', 'cus_a', T2);
      expect(await ledger.audiences('meta')).toEqual(['aud-1', 'aud-2']);
      await ledger.left('meta', 'aud-1', 'cus_b', T2);
      await ledger.left('meta', 'aud-2', 'cus_a', T2);
      expect(await ledger.audiences('meta')).toEqual([]);
      expect(await ledger.audiences('google-ads')).toEqual(['list-1']);
      await expect(ledger.audiences('tiktok' as never)).rejects.toThrow(/platform/);
    });

    it('keeps the first placement (when and why) when the person is placed again', async () => {
      await ledger.joined(membership());
      await ledger.joined(membership({ joinedAt: T2, reason: 'segment:other' }));
      expect(await ledger.audiencesOf('meta', 'cus_a')).toEqual([membership()]);
      expect(await ledger.membersOf('meta', '23850000000000001')).toEqual(['cus_a']);
    });

    it('keeps platforms apart, and lists a person’s audiences oldest first', async () => {
      await ledger.joined(membership({ audienceId: 'aud-2', audienceName: 'Second', joinedAt: T3 }));
      await ledger.joined(membership({ audienceId: 'aud-1', audienceName: 'First', joinedAt: T2 }));
      await ledger.joined(membership({ platform: 'google-ads', audienceId: 'aud-1', audienceName: 'Customer Match' }));
      expect((await ledger.audiencesOf('meta', 'cus_a')).map((m) => m.audienceId)).toEqual(['aud-1', 'aud-2']);
      expect(await ledger.audiencesOf('google-ads', 'cus_a')).toEqual([
        membership({ platform: 'google-ads', audienceId: 'aud-1', audienceName: 'Customer Match' }),
      ]);
      await ledger.left('google-ads', 'aud-1', 'cus_a', T3);
      expect(await ledger.membersOf('meta', 'aud-1')).toEqual(['cus_a']);
      expect(await ledger.membersOf('google-ads', 'aud-1')).toEqual([]);
    });

    it('stores placement times in UTC so that order is time order whatever the offset', async () => {
      await ledger.joined(membership({ audienceId: 'late', joinedAt: '2026-10-01T12:30:00+02:00' }));
      await ledger.joined(membership({ audienceId: 'early', joinedAt: '2026-10-01T10:15:00.000Z' }));
      const audiences = await ledger.audiencesOf('meta', 'cus_a');
      expect(audiences.map((m) => [m.audienceId, m.joinedAt])).toEqual([
        ['early', '2026-10-01T10:15:00.000Z'],
        ['late', '2026-10-01T10:30:00.000Z'],
      ]);
    });

    it('forgets a placement when the person leaves, and a later placement starts afresh', async () => {
      await ledger.joined(membership());
      await ledger.left('meta', '23850000000000001', 'cus_a', T2);
      expect(await ledger.audiencesOf('meta', 'cus_a')).toEqual([]);
      expect(await ledger.membersOf('meta', '23850000000000001')).toEqual([]);
      await ledger.joined(membership({ joinedAt: T3, reason: 'segment:win-back' }));
      expect(await ledger.audiencesOf('meta', 'cus_a')).toEqual([membership({ joinedAt: T3, reason: 'segment:win-back' })]);
      // Leaving an audience the person is not in changes nothing.
      await ledger.left('meta', 'never-joined', 'cus_a', T3);
      expect(await ledger.audiencesOf('meta', 'cus_a')).toHaveLength(1);
    });

    it('ignores a departure older than the placement it would undo (out-of-order delivery)', async () => {
      await ledger.joined(membership({ joinedAt: T2 }));
      await ledger.left('meta', '23850000000000001', 'cus_a', T1);
      expect(await ledger.membersOf('meta', '23850000000000001')).toEqual(['cus_a']);
    });

    it('suppresses hashes for good and answers many at once, in order', async () => {
      const [a, b, c] = [sha('a@example.com'), sha('b@example.com'), sha('16505551212')];
      expect(await ledger.isSuppressed([a, b])).toEqual([false, false]);
      await ledger.suppress([a, c]);
      await ledger.suppress([a]);
      expect(await ledger.isSuppressed([b, a, c, a])).toEqual([false, true, true, true]);
      await ledger.suppress([]);
      expect(await ledger.isSuppressed([])).toEqual([]);
    });

    it('refuses bad input with a clear error and writes nothing', async () => {
      await expect(ledger.joined(membership({ joinedAt: 'yesterday' }))).rejects.toThrow(AudienceLedgerInputError);
      await expect(ledger.joined(membership({ reason: ' ' }))).rejects.toThrow(/reason/);
      await expect(ledger.joined(membership({ platform: 'tiktok' as never }))).rejects.toThrow(/platform/);
      expect(await ledger.membersOf('meta', '23850000000000001')).toEqual([]);
      await expect(ledger.left('meta', '23850000000000001', 'cus_a', 'soon')).rejects.toThrow(AudienceLedgerInputError);
      const good = sha('a@example.com');
      await expect(ledger.suppress([good, 'A@EXAMPLE.COM'])).rejects.toThrow(/SHA-256/);
      await expect(ledger.suppress([good.toUpperCase()])).rejects.toThrow(/lower-case/);
      expect(await ledger.isSuppressed([good])).toEqual([false]);
    });

    it('records one placement when many writers place the same person at once', async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => ledger.joined(membership({ joinedAt: new Date(Date.parse(T1) + i * 1000).toISOString() }))),
      );
      const audiences = await ledger.audiencesOf('meta', 'cus_a');
      expect(audiences).toHaveLength(1);
      expect(await ledger.membersOf('meta', '23850000000000001')).toEqual(['cus_a']);
      await Promise.all(Array.from({ length: 20 }, (_, i) => ledger.joined(membership({ customerId: `cus_${100 + i}` }))));
      expect(await ledger.membersOf('meta', '23850000000000001')).toHaveLength(21);
    });
  });
}
