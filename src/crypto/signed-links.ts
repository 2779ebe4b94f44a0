import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { MessageCrypto } from './message-crypto.ts';

/**
 * What a link Parley writes into a message is for. A token signed for one purpose never
 * verifies for another, so a tracking link cannot be replayed as an unsubscribe.
 */
export type LinkPurpose = 'open' | 'click' | 'unsubscribe' | 'preferences' | 'push-action' | 'reply';

/**
 * Signs and verifies the tokens in links recipients follow without signing in (open pixels,
 * click redirects, one-click unsubscribe, the preference page). A token is
 * `base64url(JSON payload).base64url(HMAC-SHA256)`: the payload is readable, never secret;
 * the MAC (128 bits) covers the purpose and the payload. The key is derived from the
 * encryption keyring (PARLEY_ENCRYPTION_KEY): the first key signs, every key verifies, so
 * links in mail already sent keep working while keys rotate.
 */
export class LinkSigner {
  private readonly keys: Buffer[];

  constructor(
    encryptionKeySpec: string,
    /** The base of every link (Config.publicUrl). */
    readonly publicUrl: string,
  ) {
    this.keys = MessageCrypto.rawKeys(encryptionKeySpec).map((raw) =>
      Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), 'parley signed links', 32)),
    );
  }

  /** A token for `payload`; with `ttlSeconds`, it stops verifying after that long. */
  sign(purpose: LinkPurpose, payload: Record<string, unknown>, ttlSeconds?: number): string {
    const body = { ...payload, ...(ttlSeconds === undefined ? {} : { exp: Math.floor(Date.now() / 1000) + ttlSeconds }) };
    const encoded = Buffer.from(JSON.stringify(body)).toString('base64url');
    return `${encoded}.${mac(this.keys[0]!, purpose, encoded).toString('base64url')}`;
  }

  /** The payload of a token signed for `purpose`; undefined when forged, altered, expired or malformed. */
  verify<T extends Record<string, unknown> = Record<string, unknown>>(purpose: LinkPurpose, token: string): T | undefined {
    if (typeof token !== 'string' || token.length > 4096) return undefined;
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.')) return undefined;
    const encoded = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    if (given.length !== MAC_BYTES) return undefined;
    if (!this.keys.some((key) => timingSafeEqual(mac(key, purpose, encoded), given))) return undefined;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
    const exp = (payload as { exp?: unknown }).exp;
    if (exp !== undefined && (typeof exp !== 'number' || exp * 1000 < Date.now())) return undefined;
    return payload as T;
  }

  /**
   * A short signature of `value` (lowercase hex, `bytes` long) for tokens that must stay short
   * and survive case folding, such as the local part of a reply address (at most 64 characters).
   */
  shortMac(purpose: LinkPurpose, value: string, bytes = SHORT_MAC_BYTES): string {
    return mac(this.keys[0]!, purpose, value, bytes).toString('hex');
  }

  /** Whether `given` is the short signature of `value` under any key of the ring. */
  verifyShortMac(purpose: LinkPurpose, value: string, given: string, bytes = SHORT_MAC_BYTES): boolean {
    if (!new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(given)) return false;
    const wanted = Buffer.from(given, 'hex');
    return this.keys.some((key) => timingSafeEqual(mac(key, purpose, value, bytes), wanted));
  }

  /** An absolute link under the public URL: `url('/t/c', token)` → `https://parley.example/t/c/<token>`. */
  url(path: string, token: string): string {
    return `${this.publicUrl}${path}/${token}`;
  }
}

const MAC_BYTES = 16;
const SHORT_MAC_BYTES = 12;

function mac(key: Buffer, purpose: LinkPurpose, encoded: string, bytes = MAC_BYTES): Buffer {
  return createHmac('sha256', key).update(`${purpose}.${encoded}`).digest().subarray(0, bytes);
}
