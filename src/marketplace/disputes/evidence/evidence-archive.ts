import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { type EvidenceKey, signEvidence, verifyEvidence } from './evidence-signing.ts';
import { readTar, tarEnd, tarHeader, tarPadding } from './tar.ts';

/**
 * A dispute's evidence archive: a tar of JSON documents and attachment files, then
 * manifest.json (every file's path, size and SHA-256, with the dispute and when and by whom it
 * was exported) and manifest.sig (the Ed25519 signature of manifest.json's bytes, base64). The
 * manifest comes last so that the archive streams: each file is hashed as it is written.
 */

export const EVIDENCE_FORMAT = 'parley.dispute-evidence.v1';
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string;
  [about: string]: unknown;
}

export interface EvidenceManifest {
  format: string;
  disputeId: string;
  conversationId: string;
  orderId: string | null;
  exportedAt: string;
  exportedBy: string;
  signature: { algorithm: 'Ed25519'; keyId: string; file: string };
  files: ManifestFile[];
}

/** A file streamed into the archive (an attachment's bytes), of a size known beforehand. */
export interface EvidenceFile {
  path: string;
  size: number;
  open: () => Readable;
  /** What the manifest says about it besides path, size and digest. */
  about?: Record<string, unknown>;
}

export function evidenceArchive(input: {
  head: Omit<EvidenceManifest, 'format' | 'signature' | 'files'>;
  documents: { path: string; body: unknown }[];
  files: EvidenceFile[];
  key: EvidenceKey;
}): Readable {
  const at = new Date(input.head.exportedAt);
  async function* entries(): AsyncGenerator<Buffer> {
    const listed: ManifestFile[] = [];
    for (const doc of input.documents) {
      const body = Buffer.from(`${JSON.stringify(doc.body, null, 2)}\n`);
      yield tarHeader(doc.path, body.length, at);
      yield body;
      yield tarPadding(body.length);
      listed.push({ path: doc.path, size: body.length, sha256: sha256(body) });
    }
    for (const file of input.files) {
      yield tarHeader(file.path, file.size, at);
      const hash = createHash('sha256');
      let written = 0;
      for await (const chunk of file.open() as AsyncIterable<Buffer>) {
        written += chunk.length;
        if (written > file.size) throw new Error(`${file.path} is longer than its recorded ${file.size} bytes`);
        hash.update(chunk);
        yield chunk;
      }
      if (written !== file.size) throw new Error(`${file.path} is shorter than its recorded ${file.size} bytes`);
      yield tarPadding(file.size);
      listed.push({ path: file.path, size: file.size, sha256: hash.digest('hex'), ...file.about });
    }
    const manifest: EvidenceManifest = {
      format: EVIDENCE_FORMAT,
      ...input.head,
      signature: { algorithm: 'Ed25519', keyId: input.key.keyId, file: SIGNATURE },
      files: listed,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    yield tarHeader(MANIFEST, manifestBytes.length, at);
    yield manifestBytes;
    yield tarPadding(manifestBytes.length);
    const signature = Buffer.from(`${signEvidence(input.key, manifestBytes)}\n`);
    yield tarHeader(SIGNATURE, signature.length, at);
    yield signature;
    yield tarPadding(signature.length);
    yield tarEnd;
  }
  return Readable.from(entries(), { objectMode: false });
}

export interface Verification {
  valid: boolean;
  /** Each thing wrong with the archive, in a sentence; empty when it is valid. */
  problems: string[];
  manifest?: EvidenceManifest;
}

/**
 * Checks an evidence archive on disk against the published public keys: the signature of
 * manifest.json by the key it names, and every file in the archive exactly as the manifest
 * lists it (no file missing, added, resized or changed).
 */
export async function verifyEvidenceArchive(path: string, keys: { keyId: string; publicKeyPem: string }[]): Promise<Verification> {
  const problems: string[] = [];
  const found = new Map<string, { size: number; sha256: string }>();
  let manifestBytes: Buffer | undefined;
  let signature: string | undefined;
  try {
    await readTar(path, (entry) => {
      if (entry.type !== '0') {
        problems.push(`${entry.name} is not a regular file.`);
        return undefined;
      }
      if (found.has(entry.name) || (entry.name === MANIFEST && manifestBytes) || (entry.name === SIGNATURE && signature !== undefined)) {
        problems.push(`${entry.name} appears twice.`);
      }
      if (entry.name === MANIFEST || entry.name === SIGNATURE) {
        const parts: Buffer[] = [];
        if (entry.size > 64 * 1024 * 1024) throw new Error(`${entry.name} is too large to be one`);
        if (entry.name === MANIFEST) manifestBytes = Buffer.alloc(0);
        else signature = '';
        return (chunk) => {
          parts.push(chunk);
          const whole = Buffer.concat(parts);
          if (entry.name === MANIFEST) manifestBytes = whole;
          else signature = whole.toString('utf8');
        };
      }
      const hash = createHash('sha256');
      const record = { size: entry.size, sha256: '' };
      found.set(entry.name, record);
      let left = entry.size;
      if (left === 0) record.sha256 = hash.digest('hex');
      return (chunk) => {
        hash.update(chunk);
        left -= chunk.length;
        if (left === 0) record.sha256 = hash.digest('hex');
      };
    });
  } catch (error) {
    return { valid: false, problems: [`The archive cannot be read: ${(error as Error).message}.`] };
  }
  if (!manifestBytes) return { valid: false, problems: [`The archive has no ${MANIFEST}.`] };
  let manifest: EvidenceManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as EvidenceManifest;
    if (manifest.format !== EVIDENCE_FORMAT || !Array.isArray(manifest.files)) throw new Error('not an evidence manifest');
  } catch {
    return { valid: false, problems: [`${MANIFEST} is not a ${EVIDENCE_FORMAT} manifest.`] };
  }
  const keyId = manifest.signature?.keyId;
  const key = keys.find((k) => k.keyId === keyId);
  if (signature === undefined) problems.push(`The archive has no ${SIGNATURE}.`);
  else if (!key) problems.push(`The manifest is signed with key ${keyId}, which is not among the public keys given (${keys.map((k) => k.keyId).join(', ') || 'none'}).`);
  else if (!verifyEvidence(key.publicKeyPem, manifestBytes, signature)) problems.push(`The signature does not match ${MANIFEST}: the manifest was changed, or signed with another key.`);
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const actual = found.get(file.path);
    if (!actual) problems.push(`${file.path} is listed in the manifest but missing from the archive.`);
    else if (actual.size !== file.size || actual.sha256 !== file.sha256) problems.push(`${file.path} differs from the manifest (size or SHA-256): it was changed.`);
  }
  for (const name of found.keys()) if (!listed.has(name)) problems.push(`${name} is in the archive but not in the manifest: it was added.`);
  return { valid: problems.length === 0, problems, manifest };
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
