import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LinkSigner } from './signed-links.ts';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');

describe('signed links', () => {
  const signer = new LinkSigner(keyA, 'https://parley.example');

  it('gives back the payload of a token it signed, for that purpose only', () => {
    const token = signer.sign('unsubscribe', { u: 'buyer-1', t: 'promo' });
    expect(signer.verify('unsubscribe', token)).toEqual({ u: 'buyer-1', t: 'promo' });
    expect(signer.verify('click', token)).toBeUndefined();
  });

  it('refuses altered, forged, truncated and malformed tokens', () => {
    const token = signer.sign('click', { l: 'log-1', i: 0 });
    const [body, tag] = token.split('.') as [string, string];
    const altered = Buffer.from(JSON.stringify({ l: 'log-2', i: 0 })).toString('base64url');
    expect(signer.verify('click', `${altered}.${tag}`)).toBeUndefined();
    expect(signer.verify('click', `${body}.${tag.slice(0, -2)}`)).toBeUndefined();
    expect(signer.verify('click', new LinkSigner(keyB, 'x').sign('click', { l: 'log-1', i: 0 }))).toBeUndefined();
    for (const bad of ['', '.', 'abc', `${body}.${tag}.x`, `.${tag}`, 'x'.repeat(5000)]) expect(signer.verify('click', bad)).toBeUndefined();
    const notJson = Buffer.from('not json').toString('base64url');
    expect(signer.verify('click', `${notJson}.${tag}`)).toBeUndefined();
  });

  it('stops verifying a token after its lifetime', () => {
    expect(signer.verify('preferences', signer.sign('preferences', { u: 'x' }, 60))).toMatchObject({ u: 'x' });
    expect(signer.verify('preferences', signer.sign('preferences', { u: 'x' }, -1))).toBeUndefined();
  });

  it('keeps verifying links signed before a key rotation', () => {
    const old = new LinkSigner(keyA, 'x').sign('open', { l: 'log-1' });
    const rotated = new LinkSigner(`new:${keyB},old:${keyA}`, 'x');
    expect(rotated.verify('open', old)).toEqual({ l: 'log-1' });
    expect(new LinkSigner(keyA, 'x').verify('open', rotated.sign('open', { l: 'log-1' }))).toBeUndefined();
  });

  it('writes links under the public URL', () => {
    expect(signer.url('/t/o', 'abc.def')).toBe('https://parley.example/t/o/abc.def');
  });
});
