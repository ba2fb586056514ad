import { describe, expect, it } from 'vitest';
import {
  hashedIdentifiers,
  normalizeMetaBirthDate,
  normalizeMetaCity,
  normalizeMetaCountry,
  normalizeMetaEmail,
  normalizeMetaGender,
  normalizeMetaName,
  normalizeMetaPhone,
  normalizeMetaState,
  normalizeMetaZip,
  sha256Hex,
  uploadRows,
} from './hashing.js';

describe('Meta normalization and hashing', () => {
  // The published vectors (vendors.md §4.3, from Meta's customer-information-parameters table).
  it('hashes the published email vector: John_Smith@gmail.com', () => {
    const email = normalizeMetaEmail('John_Smith@gmail.com');
    expect(email).toBe('john_smith@gmail.com');
    expect(sha256Hex(email!)).toBe('62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f');
    expect(sha256Hex(normalizeMetaEmail('  JOHN_SMITH@GMAIL.COM ')!)).toBe('62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f');
  });

  it('hashes the published phone vector: (650)555-1212 in the US', () => {
    const phone = normalizeMetaPhone('(650)555-1212');
    expect(phone).toBe('16505551212');
    expect(sha256Hex(phone!)).toBe('e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176');
    for (const spelling of ['+1 650-555-1212', '650.555.1212', '16505551212', '+16505551212']) expect(normalizeMetaPhone(spelling)).toBe('16505551212');
    // Other countries keep their code and lose the trunk zero.
    expect(normalizeMetaPhone('020 7946 0018', 'GB')).toBe('442079460018');
    expect(normalizeMetaPhone('not a phone')).toBeUndefined();
  });

  it('normalizes the other keys by their rules', () => {
    expect(normalizeMetaName(" O'Brien-Smith ")).toBe('obriensmith');
    expect(normalizeMetaName('Zoë')).toBe('zoë');
    expect(normalizeMetaName('...')).toBeUndefined();
    expect(normalizeMetaCity('San Francisco, CA')).toBe('sanfranciscoca');
    expect(normalizeMetaState('CA')).toBe('ca');
    expect(normalizeMetaState('California')).toBeUndefined();
    expect(normalizeMetaZip('94107-1234')).toBe('94107');
    expect(normalizeMetaZip('SW1A 1AA')).toBe('sw1a1aa');
    expect(normalizeMetaCountry('US')).toBe('us');
    expect(normalizeMetaGender('Female')).toBe('f');
    expect(normalizeMetaGender('x')).toBeUndefined();
    expect(normalizeMetaBirthDate('1990-07-04')).toEqual({ dob: '19900704', doby: '1990', dobm: '07', dobd: '04' });
    expect(normalizeMetaBirthDate('04/07/1990')).toBeUndefined();
  });

  it('turns a person into hashed rows that always carry the hub customer id', () => {
    const identities = [
      { kind: 'EMAIL', value: 'john_smith@gmail.com' },
      { kind: 'EMAIL', value: 'js@work.example' },
      { kind: 'PHONE', value: '+16505551212' },
      { kind: 'HUBSPOT', value: '101' },
    ] as const;
    expect(hashedIdentifiers(identities)).toEqual({
      emails: ['62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f', sha256Hex('js@work.example')],
      phones: ['e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176'],
    });
    expect(uploadRows('cus_1', identities)).toEqual([
      ['cus_1', '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f', 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176'],
      ['cus_1', sha256Hex('js@work.example'), ''],
    ]);
    expect(uploadRows('cus_2', [{ kind: 'HUBSPOT', value: '7' }])).toEqual([['cus_2', '', '']]);
  });
});
