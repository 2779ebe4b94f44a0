import { type AccessPolicy, roleMayHold } from '../access/policy.ts';
import type { Principal } from '../auth/principal.ts';
import type { Participants } from '../conversations/participants.ts';
import type { MessageCrypto } from '../crypto/message-crypto.ts';
import type { Db } from '../db/connect.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { isUuid } from '../uuid.ts';
import { maxContentLength, type MessageView, type MessageViews } from './message-view.ts';
import { attachmentMessageTypes } from './payloads.ts';
import { findMessage } from './sql/findMessage.ts';
import { markMessageDeleted } from './sql/markMessageDeleted.ts';
import type { MessageRow } from './sql/messageColumns.ts';
import { updateMessageContent } from './sql/updateMessageContent.ts';

/**
 * Editing and deleting: a sender changes their own message within the edit window
 * (message.edit); operators change anyone's, at any time (message.moderate).
 */
export function createMessageEdits(deps: { db: Db; participants: Participants; crypto: MessageCrypto; access: AccessPolicy; views: MessageViews; editWindowSeconds: number }) {
  const { db, crypto, access, views } = deps;

  async function loadChangeable(principal: Principal, conversationId: string, messageId: string): Promise<MessageRow> {
    const moderating = roleMayHold(principal, 'message.moderate');
    await access.requireAccess(principal, moderating ? 'message.moderate' : 'message.edit', { conversationId, messageId });
    const row = isUuid(messageId) ? await findMessage(db, conversationId, messageId) : undefined;
    if (!row) throw notFound('message');
    if (row.deleted_at) throw conflict('message_deleted', 'This message was deleted and can no longer be changed.');
    if (!moderating && Date.now() - row.created_at.getTime() > deps.editWindowSeconds * 1000) {
      throw conflict('edit_window_closed', `Messages can be changed for ${deps.editWindowSeconds} seconds after sending; this one is older.`);
    }
    return row;
  }

  async function edit(principal: Principal, conversationId: string, messageId: string, content: string): Promise<MessageView> {
    const row = await loadChangeable(principal, conversationId, messageId);
    if (row.message_type !== 'text' && !(attachmentMessageTypes as readonly string[]).includes(row.message_type)) {
      throw conflict('message_not_editable', `"${row.message_type}" messages cannot be edited.`);
    }
    if (content.length > maxContentLength) throw invalid('content_too_long', `content may be at most ${maxContentLength} characters.`);
    if (row.message_type === 'text' && content.trim() === '') throw invalid('content_required', 'A text message needs non-empty "content".');
    const encrypted = crypto.encrypt(content);
    const updated = await updateMessageContent(db, messageId, {
      ciphertext: encrypted.ciphertext,
      keyId: encrypted.keyId,
      tokens: crypto.searchTokens(content),
      masking: views.contactCounts(content, !roleMayHold(principal, 'message.platform')),
    });
    if (!updated) throw conflict('message_deleted', 'This message was deleted and can no longer be changed.');
    const { message, audience, revealed } = await views.changed(updated);
    views.publishMessage('message.updated', updated, message, audience, undefined, revealed);
    return message;
  }

  async function remove(principal: Principal, conversationId: string, messageId: string): Promise<MessageView> {
    await loadChangeable(principal, conversationId, messageId);
    const updated = await db.transaction().execute(async (trx) => {
      const row = await markMessageDeleted(trx, messageId);
      if (!row) throw conflict('message_deleted', 'This message was already deleted.');
      await deps.participants.recountUnread(trx, conversationId);
      return row;
    });
    const { message, audience, revealed } = await views.changed(updated);
    views.publishMessage('message.deleted', updated, message, audience, undefined, revealed);
    return message;
  }

  return { edit, remove };
}
