import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../env.ts';
import { MessageCrypto, words } from './message-crypto.ts';

const key1 = Buffer.alloc(32, 1).toString('base64');
const key2 = Buffer.alloc(32, 2).toString('base64');

function configError(spec: string): ConfigError {
  try {
    new MessageCrypto(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected keyring "${spec}" to be rejected`);
}

describe('MessageCrypto encryption', () => {
  const crypto = new MessageCrypto(`k1:${key1}`);

  it.each([
    ['plain text', 'Hello, is this still available?'],
    ['emoji and other scripts', 'Ça marche 👍🏽 — 東京で会いましょう ✈️ Привет 🇫🇷'],
    ['an empty body', ''],
    ['a long body', 'ab'.repeat(50_000)],
  ])('round-trips %s', (_, text) => {
    const { ciphertext, keyId } = crypto.encrypt(text);
    expect(keyId).toBe('k1');
    expect(crypto.decrypt(ciphertext, keyId)).toBe(text);
  });

  it('does not store the plaintext', () => {
    const { ciphertext } = crypto.encrypt('meet me at the station');
    expect(ciphertext.toString('utf8')).not.toContain('station');
    // 12-byte IV + body + 16-byte tag
    expect(ciphertext.length).toBe(12 + Buffer.byteLength('meet me at the station') + 16);
  });

  it('uses a fresh IV every time', () => {
    const a = crypto.encrypt('same words');
    const b = crypto.encrypt('same words');
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.ciphertext.subarray(0, 12).equals(b.ciphertext.subarray(0, 12))).toBe(false);
    expect(crypto.decrypt(a.ciphertext, 'k1')).toBe('same words');
    expect(crypto.decrypt(b.ciphertext, 'k1')).toBe('same words');
  });

  it('decrypts a view into a larger buffer, as drivers return bytea', () => {
    const { ciphertext } = crypto.encrypt('offset view');
    const backing = Buffer.concat([Buffer.from('prefix'), ciphertext, Buffer.from('suffix')]);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 6, ciphertext.length);
    expect(crypto.decrypt(view, 'k1')).toBe('offset view');
  });

  it.each([
    ['the IV', 0],
    ['the body', 14],
    ['the tag', -1],
  ])('refuses a message with a byte of %s changed', (_, index) => {
    const { ciphertext } = crypto.encrypt('pay 10 EUR');
    const tampered = Buffer.from(ciphertext);
    const at = index < 0 ? tampered.length + index : index;
    tampered[at] = tampered[at]! ^ 0x01;
    expect(() => crypto.decrypt(tampered, 'k1')).toThrow();
  });

  it('refuses a truncated message', () => {
    const { ciphertext } = crypto.encrypt('pay 10 EUR');
    expect(() => crypto.decrypt(ciphertext.subarray(0, ciphertext.length - 1), 'k1')).toThrow();
    expect(() => crypto.decrypt(ciphertext.subarray(0, 10), 'k1')).toThrow();
  });

  it('refuses a message decrypted under another key with the same id', () => {
    const { ciphertext } = crypto.encrypt('secret');
    const other = new MessageCrypto(`k1:${key2}`);
    expect(() => other.decrypt(ciphertext, 'k1')).toThrow();
  });

  it('rotates: the first key encrypts, every key decrypts', () => {
    const old = new MessageCrypto(`k1:${key1}`);
    const rotated = new MessageCrypto(`k2:${key2},k1:${key1}`);
    expect(rotated.activeKeyId).toBe('k2');

    const before = old.encrypt('sent before rotation');
    expect(rotated.decrypt(before.ciphertext, before.keyId)).toBe('sent before rotation');

    const after = rotated.encrypt('sent after rotation');
    expect(after.keyId).toBe('k2');
    expect(rotated.decrypt(after.ciphertext, 'k2')).toBe('sent after rotation');
  });

  it('names the missing key id and the variable to add it to', () => {
    const rotated = new MessageCrypto(`k2:${key2},k1:${key1}`);
    const { ciphertext, keyId } = rotated.encrypt('new');
    const old = new MessageCrypto(`k1:${key1}`);
    expect(() => old.decrypt(ciphertext, keyId)).toThrow(/unknown key id "k2".*PARLEY_ENCRYPTION_KEY/);
  });

  it('accepts one bare base64 key and derives a stable id for it', () => {
    const a = new MessageCrypto(key1);
    const b = new MessageCrypto(` ${key1} `);
    expect(a.activeKeyId).toMatch(/^[0-9a-f]{8}$/);
    expect(b.activeKeyId).toBe(a.activeKeyId);
    const { ciphertext, keyId } = a.encrypt('bare');
    expect(b.decrypt(ciphertext, keyId)).toBe('bare');
  });

  it.each([
    ['a 16-byte key', `k1:${randomBytes(16).toString('base64')}`],
    ['a 64-byte key', `k1:${randomBytes(64).toString('base64')}`],
    ['text that is not base64', 'k1:this is not a key'],
    ['a short key after a good one', `k2:${key2},k1:${randomBytes(31).toString('base64')}`],
    ['an empty spec', ' , '],
    ['an id with spaces', `bad id:${key1}`],
    ['the same id twice', `k1:${key1},k1:${key2}`],
  ])('rejects %s with an error naming PARLEY_ENCRYPTION_KEY', (_, spec) => {
    const error = configError(spec);
    expect(error.variable).toBe('PARLEY_ENCRYPTION_KEY');
    expect(error.message).toContain('PARLEY_ENCRYPTION_KEY');
  });
});

describe('MessageCrypto blind index', () => {
  const crypto = new MessageCrypto(`k1:${key1}`);
  const other = new MessageCrypto(`k9:${key2}`);

  it('gives the same word the same token', () => {
    expect(crypto.searchTokens('shipping')).toEqual(crypto.searchTokens('shipping'));
    expect(crypto.searchTokens('shipping')).toHaveLength(1);
    expect(crypto.searchTokens('shipping')).not.toEqual(crypto.searchTokens('shipped'));
  });

  it('ignores case and accents', () => {
    const token = crypto.searchTokens('cafe');
    expect(crypto.searchTokens('Café')).toEqual(token);
    expect(crypto.searchTokens('CAFÉ')).toEqual(token);
    expect(crypto.searchTokens('Cafe\u0301')).toEqual(token);
  });

  it('gives one token per distinct word', () => {
    const tokens = crypto.searchTokens('The bike, the BIKE and the bell');
    expect(tokens).toHaveLength(4);
    expect(new Set(tokens).size).toBe(4);
    expect(tokens).toEqual(expect.arrayContaining(crypto.searchTokens('bike bell')));
  });

  it('differs between keys', () => {
    expect(other.searchTokens('bicycle')).not.toEqual(crypto.searchTokens('bicycle'));
  });

  it('never contains the word itself', () => {
    const text = 'confidential bicycle warranty';
    for (const token of crypto.searchTokens(text)) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{16}$/);
      for (const word of words(text)) expect(token.toLowerCase()).not.toContain(word);
    }
  });

  it('computes query tokens under every key of the ring', () => {
    const ring = new MessageCrypto(`k9:${key2},k1:${key1}`);
    const query = ring.queryTokens('Bicycle');
    expect([...query.keys()]).toEqual(['k9', 'k1']);
    expect(query.get('k1')).toEqual(crypto.searchTokens('bicycle'));
    expect(query.get('k9')).toEqual(other.searchTokens('bicycle'));
    expect(ring.searchTokens('bicycle')).toEqual(other.searchTokens('bicycle'));
  });

  it('has no tokens for text without words', () => {
    expect(crypto.searchTokens('')).toEqual([]);
    expect(crypto.searchTokens('👍 ! a')).toEqual([]);
  });
});

describe('words', () => {
  it('splits on anything that is not a letter or digit and lower-cases', () => {
    expect(words('Hello, World! Is order #A1234 shipped?')).toEqual(['hello', 'world', 'is', 'order', 'a1234', 'shipped']);
  });

  it('drops one-character words', () => {
    expect(words('a b x-ray 7 42')).toEqual(['ray', '42']);
  });

  it('folds accents and compatibility forms', () => {
    expect(words('Crème brûlée, Ÿes, ﬁne')).toEqual(['creme', 'brulee', 'yes', 'fine']);
  });

  it('keeps letters of other scripts and drops emoji', () => {
    expect(words('東京 Привет 👋🏽 hi')).toEqual(['東京', 'привет', 'hi']);
  });

  it('returns an empty list for nothing', () => {
    expect(words('')).toEqual([]);
    expect(words('!!! ... 👍')).toEqual([]);
  });
});
