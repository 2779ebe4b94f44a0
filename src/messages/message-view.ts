import type { MessageCrypto } from '../crypto/message-crypto.ts';
import { attachmentView, type AttachmentView } from '../attachments/attachment-view.ts';
import type { MessageAttachments } from '../attachments/message-attachments.ts';
import type { Db } from '../db/connect.ts';
import type { Participants } from '../conversations/participants.ts';
import type { FanOut } from '../realtime/fanout.ts';
import { type ContactCounts, countContactDetails, maskContactDetails, type MaskingSettings } from './masking.ts';
import type { MessageRow } from './sql/messageColumns.ts';

/** The In-platform Message Model, as the API and the socket show it. */
export interface MessageView {
  messageId: string;
  conversationId: string;
  seq: number;
  senderId: string;
  messageType: string;
  content: string | null;
  payload: Record<string, unknown> | null;
  timestamp: string;
  editedAt: string | null;
  deletedAt: string | null;
  isSystem: boolean;
  /** Sent by automation (an order event, an automated notification), not typed by a person. */
  isAutomated: boolean;
  /** Contact details in the content are hidden from this viewer. */
  masked: boolean;
  readBy: string[];
  status: 'sent' | 'delivered' | 'read' | 'deleted';
  attachments: AttachmentView[];
  clientMessageId: string | null;
  metadata: Record<string, unknown>;
}

/** Someone a message is shown to, with their role in the conversation. */
export interface Viewer {
  userId: string;
  role: string;
}

/** The participants' marks a message's status is made of. */
export type Receipts = { user_id: string; role: string; last_read_seq: number; last_delivered_seq: number }[];

export { attachmentView, type AttachmentView };

export const systemSenderId = 'system';

/** Each message view's JSON text, made once however many frames carry it (the fan-out, the sender's ack). */
const serialised = new WeakMap<MessageView, string>();

/** The message's JSON text: the same view is serialised once. A view is not changed after it is made. */
export function messageJson(message: MessageView): string {
  let json = serialised.get(message);
  if (json === undefined) serialised.set(message, (json = JSON.stringify(message)));
  return json;
}
export const maxContentLength = 10_000;

/**
 * Of these conversations, the ones whose state shows contact details to everyone (the
 * marketplace's contact-reveal rule: an order paid, say). `db`: the transaction a caller is in.
 */
export type RevealSource = (conversationIds: string[], db?: Db) => Promise<Set<string>>;

export type MessageViews = ReturnType<typeof createMessageViews>;

/**
 * How a stored message is shown: decrypted, with its status from the participants' receipts,
 * and with contact details masked for viewers whose role masks them (someone else's message,
 * from a user), unless the conversation's order reveals them (see `revealWith`). Counting
 * contact details happens once, when a message is written; masking is applied each time a
 * message is shown, so a stored message's view follows the order's state.
 */
export function createMessageViews(deps: { participants: Participants; attachments: MessageAttachments; crypto: MessageCrypto; fanOut: FanOut; masking: MaskingSettings }) {
  const { participants, crypto, fanOut } = deps;
  const maskedRoles = new Set<string>(deps.masking.roles);
  let revealSource: RevealSource | undefined;

  /** Where the marketplace says contact details are revealed (set once, when it is assembled). */
  function revealWith(source: RevealSource): void {
    revealSource = source;
  }

  /**
   * The conversations of these rows whose contact details are revealed: asked once for all of
   * them, and only about conversations with a message that holds contact details. When the
   * answer cannot be had, nothing is revealed (masking stays, the safe side).
   */
  async function revealedAmong(rows: Pick<MessageRow, 'masking' | 'conversation_id'>[], db?: Db): Promise<Set<string>> {
    if (!revealSource || maskedRoles.size === 0) return new Set();
    const ids = [...new Set(rows.filter((r) => r.masking).map((r) => r.conversation_id))];
    if (ids.length === 0) return new Set();
    try {
      return await revealSource(ids, db);
    } catch {
      return new Set();
    }
  }

  /** The contact details in a message, counted when it is written: only users' messages, and only while some role has masking. */
  function contactCounts(content: string, fromUser: boolean): ContactCounts | null {
    return content && fromUser && maskedRoles.size > 0 ? countContactDetails(content, deps.masking) : null;
  }

  /** The content as a third party (an event webhook's receiver) gets it: contact details masked whenever masking is on. */
  function thirdPartyContent(row: Pick<MessageRow, 'masking' | 'sender_id'>, content: string): string {
    return content && row.masking && row.sender_id !== systemSenderId && maskedRoles.size > 0 ? maskContactDetails(content, deps.masking) : content;
  }

  /** Whether `viewer` sees this message's contact details masked: someone else's, from a user, to a masked role, in a conversation that does not reveal them. */
  function masksFor(row: Pick<MessageRow, 'masking' | 'sender_id'>, viewer: Viewer | undefined, revealed = false): boolean {
    return !revealed && Boolean(row.masking) && viewer !== undefined && viewer.userId !== row.sender_id && row.sender_id !== systemSenderId && maskedRoles.has(viewer.role);
  }

  /**
   * The message as `viewerId` sees it (undefined: as written, for the sender and operators).
   * `plaintext`: the content as written, when the caller has it (a message just sent), so it
   * need not be decrypted again. `revealed`: the conversation reveals contact details.
   */
  function view(row: MessageRow, receipts: Receipts, attachments: AttachmentView[], viewerId?: string, plaintext?: string | null, revealed = false): MessageView {
    const others = receipts.filter((r) => r.user_id !== row.sender_id && r.role !== 'system');
    const readBy = others.filter((r) => r.last_read_seq >= row.seq).map((r) => r.user_id);
    let status: MessageView['status'] = 'sent';
    if (row.deleted_at) status = 'deleted';
    else if (others.length > 0 && readBy.length === others.length) status = 'read';
    else if (others.length > 0 && others.every((r) => r.last_delivered_seq >= row.seq)) status = 'delivered';
    const viewer = viewerId === undefined ? undefined : receipts.find((r) => r.user_id === viewerId);
    const masked = masksFor(row, viewer ? { userId: viewer.user_id, role: viewer.role } : undefined, revealed);
    let content = !row.content_encrypted || !row.key_id ? null : plaintext !== undefined ? plaintext : crypto.decrypt(row.content_encrypted, row.key_id);
    if (masked && content) content = maskContactDetails(content, deps.masking);
    return {
      messageId: row.id,
      conversationId: row.conversation_id,
      seq: row.seq,
      senderId: row.sender_id,
      messageType: row.message_type,
      content,
      payload: row.deleted_at ? null : ((row.payload as Record<string, unknown> | null) ?? null),
      timestamp: row.created_at.toISOString(),
      editedAt: row.edited_at?.toISOString() ?? null,
      deletedAt: row.deleted_at?.toISOString() ?? null,
      isSystem: row.sender_id === systemSenderId,
      isAutomated: row.is_automated,
      masked,
      readBy,
      status,
      attachments: row.deleted_at ? [] : attachments,
      clientMessageId: row.client_message_id,
      metadata: { ...((row.metadata as Record<string, unknown>) ?? {}), encryptionStatus: 'encrypted_at_rest' },
    };
  }

  async function attachmentsOf(messageIds: string[]): Promise<Map<string, AttachmentView[]>> {
    const out = new Map<string, AttachmentView[]>();
    for (const r of await deps.attachments.ofMessages(messageIds)) {
      const list = out.get(r.message_id!) ?? [];
      list.push(attachmentView(r));
      out.set(r.message_id!, list);
    }
    return out;
  }

  /** Rows of one conversation as `viewerId` sees them. */
  async function views(rows: MessageRow[], conversationId: string, viewerId?: string): Promise<MessageView[]> {
    if (rows.length === 0) return [];
    const [receipts, attachments, revealed] = await Promise.all([participants.receipts(conversationId), attachmentsOf(rows.map((r) => r.id)), revealedAmong(rows)]);
    return rows.map((r) => view(r, receipts, attachments.get(r.id) ?? [], viewerId, undefined, revealed.has(conversationId)));
  }

  /** A changed message and the participants to tell, from one read of the participants. */
  async function changed(row: MessageRow): Promise<{ message: MessageView; audience: Viewer[]; revealed: boolean }> {
    const [receipts, attachments, revealed] = await Promise.all([participants.receipts(row.conversation_id), attachmentsOf([row.id]), revealedAmong([row])]);
    return {
      message: view(row, receipts, attachments.get(row.id) ?? []),
      audience: receipts.map((r) => ({ userId: r.user_id, role: r.role })),
      revealed: revealed.has(row.conversation_id),
    };
  }

  /**
   * Publishes a message event (`message` as written) to `audience`; those whose role masks
   * contact details get a copy with them hidden. A viewer with a count in `unread` (a new
   * message's recipients) gets it in the same frame, as `unreadCount`: their unread messages in
   * the conversation once this one counts. The message is serialised once per copy (plain,
   * masked), and each frame's text is made from that. `revealed`: the conversation reveals
   * contact details (everyone gets the plain copy).
   */
  function publishMessage(type: string, row: Pick<MessageRow, 'masking' | 'sender_id'>, message: MessageView, audience: Viewer[], unread?: ReadonlyMap<string, number>, revealed = false): void {
    const plain: string[] = [];
    const masked: string[] = [];
    for (const viewer of audience) (masksFor(row, viewer, revealed) ? masked : plain).push(viewer.userId);
    if (plain.length) publishCopy(type, message, messageJson(message), plain, unread);
    if (masked.length) {
      const content = message.content === null ? null : maskContactDetails(message.content, deps.masking);
      const copy = { ...message, content, masked: true };
      publishCopy(type, copy, JSON.stringify(copy), masked, unread);
    }
  }

  function publishCopy(type: string, message: MessageView, json: string, userIds: string[], unread: ReadonlyMap<string, number> | undefined): void {
    const head = `{"type":${JSON.stringify(type)},"message":${json}`;
    const without: string[] = [];
    for (const userId of userIds) {
      const unreadCount = unread?.get(userId);
      if (unreadCount === undefined) without.push(userId);
      else fanOut.publish({ userIds: [userId], payload: { type, message, unreadCount }, json: `${head},"unreadCount":${unreadCount}}` });
    }
    if (without.length) fanOut.publish({ userIds: without, payload: { type, message }, json: `${head}}` });
  }

  return { contactCounts, masksFor, thirdPartyContent, view, views, changed, attachmentsOf, publishMessage, revealWith, revealedAmong };
}
