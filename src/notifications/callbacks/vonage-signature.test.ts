import { describe, expect, it } from 'vitest';
import { vonageSignature as fakeSignature } from '../../../test/support/fakes/vonage.ts';
import { smsKeyword } from './sms-keywords.ts';
import { vonageSignature, verifyVonageSignature } from './vonage-signature.ts';

describe('Vonage webhook signatures', () => {
  // The fixture of Vonage's own SDK tests: secret "secret", md5hash.
  const params = { a: '1', b: '2', timestamp: '1461605396' };

  it("matches the SDK's md5hash fixture", () => {
    expect(vonageSignature('secret', 'md5hash', params)).toBe('6af838ef94998832dbfc29020b564830');
    expect(verifyVonageSignature('secret', 'md5hash', { ...params, sig: '6af838ef94998832dbfc29020b564830' })).toBe(true);
  });

  it('verifies every HMAC method, in either case, and refuses any change', () => {
    for (const method of ['md5', 'sha1', 'sha256', 'sha512'] as const) {
      const sig = fakeSignature('s3cret', method, params);
      expect(sig).toBe(sig.toUpperCase());
      expect(verifyVonageSignature('s3cret', method, { ...params, sig })).toBe(true);
      expect(verifyVonageSignature('s3cret', method, { ...params, sig: sig.toLowerCase() })).toBe(true);
      expect(verifyVonageSignature('s3cret', method, { ...params, b: '3', sig })).toBe(false);
      expect(verifyVonageSignature('other', method, { ...params, sig })).toBe(false);
      expect(verifyVonageSignature('s3cret', method, { ...params, sig: '' })).toBe(false);
    }
  });

  it('replaces & and = in values before signing, as Vonage does', () => {
    const tricky = { text: 'a=b&c', timestamp: '1' };
    expect(vonageSignature('k', 'sha256', tricky)).toBe(vonageSignature('k', 'sha256', { text: 'a_b_c', timestamp: '1' }));
  });
});

describe('SMS keywords', () => {
  it.each([
    ['STOP', 'stop'],
    ['  stop  ', 'stop'],
    ['Stop.', 'stop'],
    ['stopall', 'stop'],
    ['End', 'stop'],
    ['cancel please', 'stop'],
    ['UNSUBSCRIBE', 'stop'],
    ['quit', 'stop'],
    ['start', 'start'],
    ['Unstop', 'start'],
    ['yes', 'start'],
    ['help', 'help'],
    ['INFO?', 'help'],
  ] as const)('%j is %s', (text, keyword) => {
    expect(smsKeyword(text)).toBe(keyword);
  });

  it.each(['please stop', 'stopping', 'hello', '', 'S T O P'])('%j is no keyword', (text) => {
    expect(smsKeyword(text)).toBeUndefined();
  });
});
