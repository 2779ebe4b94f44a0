import type { Generated } from 'kysely';
import type { Json, Timestamp } from './column-types.ts';

/** The tables of notification digests (src/notifications/digests, migration 026). */

export interface DigestItemsTable {
  /** The collected delivery's log id, or a chat item's key. */
  item_id: string;
  user_id: string;
  /** The notification type, or 'chat'. */
  digest_key: string;
  window_end: Timestamp;
  channel: string;
  /** The request the item came from. */
  source_id: string;
  recipient: Json;
  content: Json;
  created_at: Generated<Timestamp>;
  /** The digest that carried it; null until its window is sent. */
  digest_request_id: string | null;
}

export interface DigestWindowsTable {
  user_id: string;
  digest_key: string;
  window_end: Timestamp;
  request_id: string;
  item_count: number;
  sent_at: Generated<Timestamp>;
}

export interface DigestTables {
  digest_items: DigestItemsTable;
  digest_windows: DigestWindowsTable;
}
