import type { Channel, NotificationType, StoredContent } from '../model.ts';

/** One entry of a delivery's history. */
export interface HistoryEntry {
  at: string;
  status: string;
  attempt?: number;
  provider?: string;
  code?: string;
  detail?: string;
  device?: string;
  externalId?: string;
}

/** A delivery the dispatcher claimed: the row as the claim returns it. */
export interface ClaimedDelivery {
  log_id: string;
  request_id: string;
  user_id: string;
  channel: Channel;
  notification_type: NotificationType;
  attempts: number;
  max_retries: number;
  step: number;
  recipient: { userId: string; address: string | null; email?: string; phoneNumber?: string; deviceId?: string };
  content: StoredContent;
  history: HistoryEntry[];
  created_at: Date;
  due_since: Date;
  metadata: Record<string, unknown> | null;
}

/** A row the acceptor plans: one per notification and channel. */
export interface PlannedDelivery {
  log_id: string;
  request_id: string;
  user_id: string;
  channel: Channel;
  notification_type: string;
  /** sent: an in-app item written to the feed at acceptance (see dispatch/in-app-now.ts); it has no queue row. */
  status: 'queued' | 'standby' | 'sent';
  due_at: Date;
  priority: number;
  max_retries: number;
  step: number;
  request_hash: string;
  recipient: string;
  content: string;
  metadata: string;
}

/** Statuses in which a delivery waits in the queue or is being sent. */
export const WAITING_STATUSES = ['queued', 'standby', 'sending'];
/** Statuses of a delivery that reached its recipient (as far as anyone confirmed). */
export const DELIVERED_STATUSES = ['delivered', 'opened', 'read', 'clicked'];
/** Statuses of an in-app item the user's feed shows. */
export const FEED_STATUSES = ['sent', 'delivered', 'read', 'clicked', 'opened'];
