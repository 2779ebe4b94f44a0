import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { ConfigError } from '../env.ts';

interface KeyEntry {
  id: string;
  encryptionKey: Buffer;
  searchKey: Buffer;
}

/**
 * Encrypts message bodies at rest with AES-256-GCM and computes the keyed blind index
 * that search runs on. The keyring's first key encrypts; every key decrypts, so keys rotate
 * by prepending a new one.
 */
export class MessageCrypto {
  private readonly keys = new Map<string, KeyEntry>();
  readonly activeKeyId: string;

  constructor(spec: string) {
    for (const { id, raw } of parseKeyring(spec)) {
      this.keys.set(id, {
        id,
        encryptionKey: Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), 'parley message encryption', 32)),
        searchKey: Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), 'parley search index', 32)),
      });
    }
    this.activeKeyId = this.keys.keys().next().value as string;
  }

  /** The keyring's raw keys, the encrypting one first (other keys are derived from them). */
  static rawKeys(spec: string): Buffer[] {
    return parseKeyring(spec).map((entry) => entry.raw);
  }

  encrypt(plaintext: string): { ciphertext: Buffer; keyId: string } {
    const key = this.keys.get(this.activeKeyId)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { ciphertext: Buffer.concat([iv, body, cipher.getAuthTag()]), keyId: key.id };
  }

  decrypt(ciphertext: Uint8Array, keyId: string): string {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`message encrypted under unknown key id "${keyId}"; add it to PARLEY_ENCRYPTION_KEY`);
    const data = Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength);
    const decipher = createDecipheriv('aes-256-gcm', key.encryptionKey, data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]).toString('utf8');
  }

  /** Blind-index tokens for the distinct words of a text, under the given key. */
  searchTokens(text: string, keyId = this.activeKeyId): string[] {
    const key = this.keys.get(keyId)!;
    return [...new Set(words(text))].map((w) => createHmac('sha256', key.searchKey).update(w).digest('base64url').slice(0, 16));
  }

  /** For a query: the tokens every key in the ring would have produced, by key id. */
  queryTokens(text: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const id of this.keys.keys()) out.set(id, this.searchTokens(text, id));
    return out;
  }
}

/** Lower-cased, accent-folded words of two or more letters or digits. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]{2,}/gu) ?? []
  );
}

/** "id:base64,id:base64" or one base64 key → the keys in order, each checked. */
function parseKeyring(spec: string): { id: string; raw: Buffer }[] {
  const entries = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new ConfigError('PARLEY_ENCRYPTION_KEY', 'is empty');
  const seen = new Set<string>();
  return entries.map((entry) => {
    const colon = entry.indexOf(':');
    const raw = Buffer.from(colon >= 0 ? entry.slice(colon + 1) : entry, 'base64');
    if (raw.length !== 32) {
      throw new ConfigError('PARLEY_ENCRYPTION_KEY', 'each key must be 32 bytes, base64-encoded (openssl rand -base64 32)');
    }
    const id = colon >= 0 ? entry.slice(0, colon) : createHash('sha256').update(raw).digest('hex').slice(0, 8);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new ConfigError('PARLEY_ENCRYPTION_KEY', `key id "${id}" may only use letters, digits, _ and -`);
    if (seen.has(id)) throw new ConfigError('PARLEY_ENCRYPTION_KEY', `key id "${id}" appears twice`);
    seen.add(id);
    return { id, raw };
  });
}
