import { describe, expect, it } from 'vitest';
import { maskIdentityValue } from './mask-identity.js';

describe('maskIdentityValue', () => {
  it('masks emails and phones, keeps vendor ids', () => {
    expect(maskIdentityValue('EMAIL', 'sam.silva1@mail.example')).toBe('s***@mail.example');
    expect(maskIdentityValue('PHONE', '+15035554498')).toBe('+1******4498');
    expect(maskIdentityValue('HUBSPOT', '100008')).toBe('100008');
  });

  it('never returns a short value unmasked', () => {
    expect(maskIdentityValue('EMAIL', '@x')).toBe('***');
    expect(maskIdentityValue('PHONE', '+1234')).toBe('***');
  });
});
