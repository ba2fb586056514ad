import { describe, expect, it } from 'vitest';
import { DEFAULT_BLOCKED_VALUES, identityRulesFrom } from './identity-rules.js';
import { normalizeIdentity } from './normalize-identity.js';

describe('normalizeIdentity', () => {
  it('normalizes emails and phones, and keeps vendor ids as given (trimmed)', () => {
    expect(normalizeIdentity({ kind: 'EMAIL', value: ' Ana.Lee@Mail.Example\n' })).toEqual({ ok: true, identity: { kind: 'EMAIL', value: 'ana.lee@mail.example' } });
    expect(normalizeIdentity({ kind: 'PHONE', value: '650.555.0142' })).toEqual({ ok: true, identity: { kind: 'PHONE', value: '+16505550142' } });
    expect(normalizeIdentity({ kind: 'SHOPIFY', value: ' gid://shopify/Customer/1 ' })).toEqual({ ok: true, identity: { kind: 'SHOPIFY', value: 'gid://shopify/Customer/1' } });
    expect(normalizeIdentity({ kind: 'KLAVIYO', value: '01JQQMAVYC' })).toEqual({ ok: true, identity: { kind: 'KLAVIYO', value: '01JQQMAVYC' } });
  });

  it('reports malformed values', () => {
    expect(normalizeIdentity({ kind: 'EMAIL', value: 'ana at mail' })).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(normalizeIdentity({ kind: 'PHONE', value: '12' })).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(normalizeIdentity({ kind: 'HUBSPOT', value: '   ' })).toEqual({ ok: false, reason: 'MALFORMED' });
  });

  it('blocks placeholders in any spelling, wildcards, and phones of one repeated digit', () => {
    for (const identity of [
      { kind: 'EMAIL', value: ' TEST@test.com ' },
      { kind: 'EMAIL', value: 'NoReply@shop.example' },
      { kind: 'EMAIL', value: 'no-reply@accounts.example' },
      { kind: 'EMAIL', value: 'null' },
      { kind: 'PHONE', value: '000-000-0000' },
      { kind: 'PHONE', value: '+1 (555) 555-5555' },
      { kind: 'PHONE', value: '123-456-7890' },
      { kind: 'HUBSPOT', value: 'undefined' },
      { kind: 'SHOPIFY', value: 'N/A' },
    ] as const) {
      expect(normalizeIdentity(identity), identity.value).toEqual({ ok: false, reason: 'BLOCKED' });
    }
    expect(normalizeIdentity({ kind: 'EMAIL', value: 'replies@shop.example' }).ok).toBe(true);
  });

  it('uses the configured region and blocked values', () => {
    const rules = identityRulesFrom({ identity: { defaultPhoneRegion: 'GB', extraBlockedValues: ['*@mailinator.example'] } });
    expect(rules.blockedValues).toEqual([...DEFAULT_BLOCKED_VALUES, '*@mailinator.example']);
    expect(normalizeIdentity({ kind: 'PHONE', value: '07700 900123' }, rules)).toEqual({ ok: true, identity: { kind: 'PHONE', value: '+447700900123' } });
    expect(normalizeIdentity({ kind: 'EMAIL', value: 'Burner@Mailinator.example' }, rules)).toEqual({ ok: false, reason: 'BLOCKED' });
  });
});
