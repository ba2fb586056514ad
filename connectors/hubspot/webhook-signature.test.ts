import { describe, expect, it } from 'vitest';
import { checkSignatureV3, decodeSignedUri, safeEqual, signatureV1, signatureV2, signatureV3 } from './webhook-signature.js';

describe('HubSpot signatures', () => {
  // https://developers.hubspot.com/docs/faq/v1-request-validation
  it('v1 reproduces HubSpot’s published test vector', () => {
    const body =
      '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
    expect(signatureV1('yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy', body)).toBe('232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de');
  });

  // https://developers.hubspot.com/docs/faq/v2-request-validation
  it('v2 reproduces HubSpot’s published test vector', () => {
    expect(signatureV2('yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy', 'GET', 'https://www.example.com/webhook_uri', '')).toBe('eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e');
  });

  it('v3 is base64 HMAC-SHA256 over method, URI, body and timestamp, checked within five minutes', () => {
    const input = { secret: 's3cret', method: 'POST', uri: 'https://hub.example/webhooks/hubspot', body: '[{"eventId":1}]', timestamp: '1767225600000' };
    const signature = signatureV3(input.secret, input.method, input.uri, input.body, input.timestamp);
    expect(Buffer.from(signature, 'base64')).toHaveLength(32);
    expect(checkSignatureV3({ ...input, signature, now: 1767225600000 + 299_999 })).toBe('ok');
    expect(checkSignatureV3({ ...input, signature, now: 1767225600000 + 300_001 })).toBe('stale_timestamp');
    expect(checkSignatureV3({ ...input, signature, timestamp: 'yesterday', now: 1767225600000 })).toBe('stale_timestamp');
    expect(checkSignatureV3({ ...input, signature, method: 'post', now: 1767225600000 })).toBe('ok');
    expect(checkSignatureV3({ ...input, signature, body: '[{"eventId":2}]', now: 1767225600000 })).toBe('invalid_signature');
  });

  it('compares in constant time only equal lengths; anything else is unequal, not an exception', () => {
    expect(safeEqual('AAAA', 'AAAA', 'base64')).toBe(true);
    expect(safeEqual('AAAA', 'AAAAAAAA', 'base64')).toBe(false);
    expect(safeEqual('AAAA', '', 'base64')).toBe(false);
    expect(safeEqual('abcd', 'zz', 'hex')).toBe(false);
  });

  it('decodes the characters HubSpot decodes before signing the URI, and only those', () => {
    expect(decodeSignedUri('https://x.example/h?email=a%40b.example&next=%2Fhome%3Fq%3D1&space=%20')).toBe('https://x.example/h?email=a@b.example&next=/home?q%3D1&space=%20');
  });
});
