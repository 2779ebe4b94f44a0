import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Vonage's signed SMS webhooks (https://developer.vonage.com/en/getting-started/concepts/signing-messages):
 * every parameter but `sig`, sorted by name, as `&name=value` with any `&` or `=` in a value
 * replaced by `_`; then for `md5hash` the MD5 of that string followed by the signature secret
 * (lower-case hex), for `md5`, `sha1`, `sha256`, `sha512` the HMAC of it keyed with the secret
 * (upper-case hex). The signed parameters include `timestamp` (Unix seconds).
 */
export const VONAGE_SIGNATURE_METHODS = ['md5hash', 'md5', 'sha1', 'sha256', 'sha512'] as const;
export type VonageSignatureMethod = (typeof VONAGE_SIGNATURE_METHODS)[number];

export function vonageSignature(secret: string, method: VonageSignatureMethod, params: Record<string, string>): string {
  let query = '';
  for (const name of Object.keys(params).sort()) {
    if (name === 'sig') continue;
    query += `&${name}=${String(params[name]).replace(/[&=]/g, '_')}`;
  }
  if (method === 'md5hash') return createHash('md5').update(query + secret, 'utf8').digest('hex');
  return createHmac(method, secret).update(query, 'utf8').digest('hex').toUpperCase();
}

/** Whether `params.sig` is the signature of the other parameters (compared in constant time, in any case). */
export function verifyVonageSignature(secret: string, method: VonageSignatureMethod, params: Record<string, string>): boolean {
  const given = Buffer.from(String(params.sig ?? '').toLowerCase());
  const expected = Buffer.from(vonageSignature(secret, method, params).toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
