import type { AccessPolicy } from '../access/policy.ts';
import type { MessageAttachments } from '../attachments/message-attachments.ts';
import type { Participants } from '../conversations/participants.ts';
import type { MessageCrypto } from '../crypto/message-crypto.ts';
import type { Db } from '../db/connect.ts';
import type { EventSink } from '../events/event-sink.ts';
import type { FanOut } from '../realtime/fanout.ts';
import type { RateLimit } from '../rate-limit.ts';
import { createMessageEdits } from './edits.ts';
import { createMessageHistory } from './history.ts';
import type { MaskingSettings } from './masking.ts';
import { createMessageViews } from './message-view.ts';
import { createMessageReceipts } from './receipts.ts';
import { createMessageSending } from './send.ts';

export { attachmentView, messageJson, systemSenderId, type AttachmentView, type MessageView } from './message-view.ts';
export type { LatestOf } from './history.ts';
export { isUniqueViolation, type PlatformMessageInput, type SendMessageInput } from './send.ts';

export interface MessagesDeps {
  db: Db;
  crypto: MessageCrypto;
  fanOut: FanOut;
  access: AccessPolicy;
  /** The conversations' participants, through their owner. */
  participants: Participants;
  /** The attachments of messages, through their owner. */
  attachments: MessageAttachments;
  sendLimit: RateLimit;
  editWindowSeconds: number;
  masking: MaskingSettings;
  /** Seconds before an unread message schedules a reminder to its recipient; 0: never. */
  unreadReminderSeconds: number;
  /** Where message.created events go (the event webhooks). */
  events: EventSink;
}

/**
 * The messages of conversations, assembled from their parts: sending (send.ts, with the write
 * batcher), reading (history.ts), how a message is shown and masked (message-view.ts), read and
 * delivery receipts (receipts.ts), and edits and deletes (edits.ts).
 */
export function createMessagesService(deps: MessagesDeps) {
  const { db, crypto, fanOut, access, participants, attachments } = deps;
  const views = createMessageViews({ participants, attachments, crypto, fanOut, masking: deps.masking });
  const receipts = createMessageReceipts({ participants, fanOut, access });
  const sending = createMessageSending({ db, crypto, fanOut, access, sendLimit: deps.sendLimit, views, attachments, unreadReminderSeconds: deps.unreadReminderSeconds, events: deps.events });
  const history = createMessageHistory({ db, crypto, access, views, markDelivered: receipts.markDelivered });
  const edits = createMessageEdits({ db, participants, crypto, access, views, editWindowSeconds: deps.editWindowSeconds });
  return { ...sending, ...history, ...edits, ...receipts, revealContactsWith: views.revealWith };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
