import { createHash, createPrivateKey, createPublicKey, hkdfSync, type KeyObject, sign, verify } from 'node:crypto';
import { MessageCrypto } from '../../../crypto/message-crypto.ts';

/** The DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows it. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface EvidenceKey {
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  keyId: string;
  publicKeyPem: string;
  privateKey: KeyObject;
}

/**
 * The Ed25519 keys evidence archives are signed with, derived from the encryption keyring
 * (PARLEY_ENCRYPTION_KEY) with HKDF: the first key signs, and every key's public half is
 * published, so archives signed before a key rotation still verify. Nothing new to configure
 * or keep: whoever holds the keyring holds the signing key, everyone may have the public ones.
 */
export function evidenceKeys(encryptionKeySpec: string): EvidenceKey[] {
  return MessageCrypto.rawKeys(encryptionKeySpec).map((raw) => {
    const seed = Buffer.from(hkdfSync('sha256', raw, Buffer.alloc(0), 'parley dispute evidence signing', 32));
    const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey(privateKey);
    return { keyId: keyIdOf(publicKey), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey };
  });
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** The Ed25519 signature of `data`, base64. */
export function signEvidence(key: EvidenceKey, data: Buffer): string {
  return sign(null, data, key.privateKey).toString('base64');
}

/** Whether `signature` (base64) is `publicKeyPem`'s Ed25519 signature of `data`. */
export function verifyEvidence(publicKeyPem: string, data: Buffer, signature: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, data, key, Buffer.from(signature.trim(), 'base64'));
  } catch {
    return false;
  }
}
