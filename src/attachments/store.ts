import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../db/connect.ts';

/** Attachment bytes on local disk, under `<data dir>/attachments`, named by a random key. */
export function createAttachmentStore(deps: { db: Db; dataDir: string }) {
  const root = join(deps.dataDir, 'attachments');
  const ready = mkdir(join(root, 'incoming'), { recursive: true });

  return {
    /**
     * Streams an upload to disk; returns its key, size, digest and where it lies until the caller
     * commits or discards it. Past `maxBytes` the rest is read but not kept, and `overLimit` is set.
     */
    async write(
      stream: Readable,
      options: { maxBytes?: number } = {},
    ): Promise<{ key: string; size: number; sha256: string; head: Buffer; path: string; overLimit: boolean; discard(): Promise<void>; commit(): Promise<void> }> {
      await ready;
      const key = randomUUID();
      const incoming = join(root, 'incoming', key);
      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
          done(null, size > maxBytes ? undefined : chunk);
        },
      });
      try {
        await pipeline(stream, measure, createWriteStream(incoming, { mode: 0o600 }));
      } catch (error) {
        // A body cut off while streaming in: no half-written file stays behind.
        await rm(incoming, { force: true });
        throw error;
      }
      return {
        key,
        size,
        sha256: hash.digest('hex'),
        head,
        path: incoming,
        overLimit: size > maxBytes,
        discard: () => rm(incoming, { force: true }),
        commit: () => rename(incoming, join(root, key)),
      };
    },
    read(key: string): Readable {
      return createReadStream(join(root, key));
    },
    /** Removes a stored file; one already gone is not an error (erasure retries until every file is gone). */
    async remove(key: string): Promise<void> {
      if (!/^[0-9a-f-]{36}$/i.test(key)) throw new Error(`not an attachment storage key: ${key}`);
      await rm(join(root, key), { force: true });
    },
  };
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;

const signatures: [string, number[]][] = [
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46]],
];

/** Whether the first bytes agree with the declared type, for the types that have a signature. */
export function contentMatchesType(mimeType: string, head: Buffer): boolean {
  if (mimeType === 'image/webp') return head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP';
  const signature = signatures.find(([type]) => type === mimeType)?.[1];
  return !signature || signature.every((byte, i) => head[i] === byte);
}
