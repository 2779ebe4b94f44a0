import type { Db } from '../db/connect.ts';
import { findUnsentAttachments } from './sql/findUnsentAttachments.ts';
import { listMessageAttachments } from './sql/listMessageAttachments.ts';

export type MessageAttachments = ReturnType<typeof createMessageAttachments>;

/** What messages read of attachments, through their owner. Access is checked by the callers. */
export function createMessageAttachments(db: Db) {
  return {
    /** The attachments sent with these messages, in upload order. */
    ofMessages: (messageIds: string[]) => listMessageAttachments(db, messageIds),
    /** Of these ids, the ones this user uploaded to this conversation and has not sent yet. */
    unsent: (conversationId: string, uploaderId: string, ids: string[]) => findUnsentAttachments(db, conversationId, uploaderId, ids),
  };
}
