import { createHash, randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(16 * 256);
let offset = pool.length;

/**
 * A time-ordered UUID (RFC 9562 version 7): 48 bits of milliseconds, then random bits. Rows
 * keyed by it are inserted at the right edge of their index instead of at random places.
 */
export function v7(now = Date.now()): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const b = pool.subarray(offset, offset + 16);
  offset += 16;
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return format(b);
}

/**
 * A UUID derived from a name (RFC 9562 version 8, from SHA-256): the same name always gives
 * the same id, so work that may be retried (an order event's notifications, a reminder) asks
 * for the same idempotent request every time.
 */
export function fromName(name: string): string {
  const b = createHash('sha256').update(name).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return format(b);
}

/** 16 bytes in the 8-4-4-4-12 hex form. */
function format(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether a string is a UUID (of any version): ids that are not never reach a uuid column. */
export const isUuid = (value: string) => uuidPattern.test(value);
