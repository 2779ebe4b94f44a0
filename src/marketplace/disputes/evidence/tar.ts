import { open } from 'node:fs/promises';

/**
 * A plain POSIX tar (ustar), the archive format every system can open (`tar -xf`). Written as a
 * stream: a 512-byte header, the file's bytes, zeros to the next 512-byte block; two zero blocks
 * end it. Read back entry by entry from a file, never whole into memory.
 */

const BLOCK = 512;

/** The header block of a regular file. `name`: ASCII, at most 100 bytes. */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (!/^[\x20-\x7e]{1,100}$/.test(name)) throw new Error(`tar entry name must be 1-100 printable ASCII characters: ${name}`);
  const header = Buffer.alloc(BLOCK);
  header.write(name, 0, 100, 'ascii');
  octal(header, 100, 8, 0o644);
  octal(header, 108, 8, 0);
  octal(header, 116, 8, 0);
  octal(header, 124, 12, size);
  octal(header, 136, 12, Math.floor(mtime.getTime() / 1000));
  header.write('        ', 148, 8, 'ascii'); // the checksum counts its own field as spaces
  header.write('0', 156, 1, 'ascii');
  header.write('ustar\u000000', 257, 8, 'ascii');
  header.write('parley', 265, 32, 'ascii');
  header.write('parley', 297, 32, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return header;
}

/** The zeros that fill a file of `size` bytes up to its last block. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** The end of an archive: two zero blocks. */
export const tarEnd = Buffer.alloc(2 * BLOCK);

function octal(header: Buffer, offset: number, length: number, value: number): void {
  const digits = value.toString(8).padStart(length - 1, '0');
  if (digits.length > length - 1) throw new Error(`tar field too small for ${value}`);
  header.write(`${digits}\u0000`, offset, length, 'ascii');
}

export interface TarEntry {
  name: string;
  size: number;
  type: string;
}

/**
 * Reads the tar file at `path` entry by entry: `onEntry` gets each entry's header and then its
 * bytes in chunks (`onData`). Throws on a header whose checksum is wrong or a file cut short.
 */
export async function readTar(path: string, visit: (entry: TarEntry) => ((chunk: Buffer) => void) | undefined): Promise<void> {
  const file = await open(path, 'r');
  try {
    const header = Buffer.alloc(BLOCK);
    const chunk = Buffer.alloc(64 * 1024);
    let position = 0;
    for (;;) {
      const { bytesRead } = await file.read(header, 0, BLOCK, position);
      if (bytesRead < BLOCK) throw new Error('the archive ends without its end blocks (cut short?)');
      position += BLOCK;
      if (header.every((b) => b === 0)) return;
      const stored = parseInt(header.toString('ascii', 148, 156).replace(/[\0 ]+/g, ' ').trim(), 8);
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
      if (stored !== sum) throw new Error(`a tar header at byte ${position - BLOCK} has a wrong checksum`);
      const name = header.toString('ascii', 0, 100).replace(/\0.*$/s, '');
      const size = parseInt(header.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
      const type = header.toString('ascii', 156, 157).replace('\0', '0');
      const onData = visit({ name, size, type });
      let left = size;
      while (left > 0) {
        const want = Math.min(left, chunk.length);
        const { bytesRead: got } = await file.read(chunk, 0, want, position);
        if (got === 0) throw new Error(`the archive is cut short inside ${name}`);
        onData?.(Buffer.from(chunk.subarray(0, got)));
        position += got;
        left -= got;
      }
      position += tarPadding(size).length;
    }
  } finally {
    await file.close();
  }
}
