import { describe, expect, it } from 'vitest';
import { constantTimeEqual, encodedEqual } from './constant-time.js';

describe('constant-time comparison', () => {
  it('is true only for equal, non-empty bytes', () => {
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abd'))).toBe(false);
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
    expect(constantTimeEqual(Buffer.alloc(0), Buffer.alloc(0))).toBe(false);
  });

  it('compares encoded digests by their bytes, and undecodable text is unequal', () => {
    expect(encodedEqual('3q2+7w==', '3q2+7w==', 'base64')).toBe(true);
    expect(encodedEqual('deadbeef', 'DEADBEEF', 'hex')).toBe(true);
    expect(encodedEqual('deadbeef', 'not hex!', 'hex')).toBe(false);
    expect(encodedEqual('', '', 'utf8')).toBe(false);
  });
});
