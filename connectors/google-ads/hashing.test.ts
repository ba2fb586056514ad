import { describe, expect, it } from 'vitest';
import { googleEmail, hashEmail, hashIdentities, hashPhone, sha256Hex, toUserIdentifiers } from './hashing.js';

// SHA-256 of the normalized values, computed independently (sha256sum).
const JOHN = '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f'; // john_smith@gmail.com
const JOHN_NO_DOTS = '3586de92bb3636d0885a12eff961429a32e4ebd764b96f50d85d016f9338d586'; // johnsmith@gmail.com
const PHONE = '1e231c66011e7a2d867a9cfae267a6aff103cf4913640b6e71a99850fc0ffbc8'; // +16505551212

describe("Google's normalization and hashing", () => {
  it('hashes emails trimmed and lower-cased, as lowercase hex', () => {
    expect(sha256Hex('john_smith@gmail.com')).toBe(JOHN);
    expect(hashEmail('  John_Smith@GMAIL.com ')).toBe(JOHN);
  });

  it('hashes phones in E.164 with the plus, from any common spelling', () => {
    for (const spelling of ['+1 650-555-1212', '(650) 555-1212', '650.555.1212', '16505551212', '+16505551212']) {
      expect(hashPhone(spelling)).toBe(PHONE);
    }
  });

  it('drops the dots before @ of gmail.com and googlemail.com only when asked (enhanced conversions)', () => {
    expect(googleEmail('John.Smith@gmail.com', { gmailDots: 'remove' })).toBe('johnsmith@gmail.com');
    expect(googleEmail('john.smith@googlemail.com', { gmailDots: 'remove' })).toBe('johnsmith@googlemail.com');
    expect(googleEmail('john.smith@example.com', { gmailDots: 'remove' })).toBe('john.smith@example.com');
    expect(hashEmail('john.smith@gmail.com')).not.toBe(JOHN_NO_DOTS);
    expect(hashEmail('johnsmith@gmail.com')).toBe(JOHN_NO_DOTS);
  });

  it('refuses what is not an email or a phone, and never hashes other identities', () => {
    expect(hashEmail('not-an-email')).toBeUndefined();
    expect(hashPhone('12')).toBeUndefined();
    const hashed = hashIdentities([
      { kind: 'EMAIL', value: 'JOHN_SMITH@gmail.com' },
      { kind: 'EMAIL', value: 'john_smith@gmail.com ' },
      { kind: 'PHONE', value: '+16505551212' },
      { kind: 'GCLID', value: 'Cj0KCQabc' },
      { kind: 'HUBSPOT', value: '100001' },
    ]);
    expect(hashed).toEqual([
      { kind: 'EMAIL', hash: JOHN },
      { kind: 'PHONE', hash: PHONE },
    ]);
    expect(toUserIdentifiers(hashed)).toEqual([{ hashedEmail: JOHN }, { hashedPhoneNumber: PHONE }]);
  });
});
