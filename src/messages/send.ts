import { randomUUID } from 'node:crypto';
import { type AccessPolicy, roleMayHold } from '../access/policy.ts';
import { policySql } from '../access/policy-sql.ts';
import type { MessageAttachments } from '../attachments/message-attachments.ts';
import type { Principal } from '../auth/principal.ts';
import type { MessageCrypto } from '../crypto/message-crypto.ts';
import { isDatabaseUnavailable } from '../db/availability.ts';
import type { Db } from '../db/connect.ts';
import type { DomainEvent, EventSink } from '../events/event-sink.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import type { FanOut } from '../realtime/fanout.ts';
import type { RateLimit } from '../rate-limit.ts';
import { isUuid } from '../uuid.ts';
import type { ContactCounts } from './masking.ts';
import { maxContentLength, type MessageView, type MessageViews, systemSenderId, type Viewer } from './message-view.ts';
import { attachmentKind } from '../attachments/media.ts';
import { attachmentMessageTypes, type MessageType, messageTypes, userMessageTypes, validatePayload } from './payloads.ts';
import { findMessageByClientId } from './sql/findMessageByClientId.ts';
import type { MessageRow } from './sql/messageColumns.ts';
import { type MessageToWrite, type Recipient, writeMessages } from './sql/writeMessages.ts';
import { createWriteBatcher } from './write-batcher.ts';

export interface SendMessageInput {
  content?: string;
  messageType?: string;
  attachments?: string[];
  clientMessageId?: string;
  payload?: unknown;
  metadata?: Record<string, unknown>;
}

/** A platform message written inside the caller's transaction. */
export interface PlatformMessageInput {
  messageType: MessageType;
  content?: string;
  payload?: unknown;
  metadata?: Record<string, unknown>;
  /** Who it is from: the platform (default), or a participant on whose behalf automation speaks. */
  senderId?: string;
  automated?: boolean;
  /** Makes the post idempotent per sender, as for a send. */
  clientMessageId?: string;
  /** The new message's id, when the caller needs it before the write (to refer to it). */
  messageId?: string;
}

export interface SendDeps {
  db: Db;
  crypto: MessageCrypto;
  fanOut: FanOut;
  access: AccessPolicy;
  sendLimit: RateLimit;
  views: MessageViews;
  attachments: MessageAttachments;
  /** Seconds before an unread message schedules a reminder to its recipient; 0: never. */
  unreadReminderSeconds: number;
  /** message.created events for the event webhooks, recorded in the transaction that writes the message. */
  events: EventSink;
}

type Sent = { message: MessageView; created: boolean };

/** A send's checks that need no database, done. */
interface CheckedSend {
  type: MessageType;
  payload: Record<string, unknown> | null;
  content: string;
  attachmentIds: string[];
  masking: ContactCounts | null;
}

interface QueuedSend {
  principal: Principal;
  conversationId: string;
  input: SendMessageInput;
  checked: CheckedSend;
}

/**
 * Sending: a participant's send, the platform's posts, and the batcher that writes
 * participants' sends many per statement. Every message is written by the one statement in
 * sql/writeMessages.ts, then announced to the participants.
 */
export function createMessageSending(deps: SendDeps) {
  const { db, crypto, fanOut, access, views } = deps;
  const createdListeners: ((message: MessageView) => void)[] = [];

  /** Whether the principal speaks as the platform: platform message types, no rate limit, never masked. */
  const speaksAsPlatform = (principal: Principal) => roleMayHold(principal, 'message.platform');

  /**
   * The message.created event of a written message. Its seller: the recipient who is the
   * conversation's seller, or else the sender when they speak as one (every other participant
   * is a recipient, so a conversation's seller is one or the other).
   */
  function createdEvent(m: MessageToWrite, seq: number, createdAt: Date, recipients: Recipient[], senderIsSeller: boolean, content: string): DomainEvent {
    const sellerId = recipients.find((r) => r.role === 'seller')?.userId ?? (senderIsSeller ? m.senderId : null);
    return {
      type: 'message.created',
      sellerId,
      occurredAt: new Date(createdAt),
      data: {
        messageId: m.id,
        conversationId: m.conversationId,
        seq,
        senderId: m.senderId,
        messageType: m.type,
        content: views.thirdPartyContent({ masking: m.masking as MessageRow['masking'], sender_id: m.senderId }, content),
        payload: m.payload,
        isAutomated: m.automated,
        createdAt: new Date(createdAt).toISOString(),
      },
    };
  }

  function checkType(principal: Principal, input: SendMessageInput): MessageType {
    const type = (input.messageType ?? 'text') as MessageType;
    if (!messageTypes.includes(type)) {
      throw invalid('unknown_message_type', `messageType must be one of ${messageTypes.join(', ')}.`);
    }
    if (!speaksAsPlatform(principal) && !(userMessageTypes as readonly string[]).includes(type)) {
      throw forbidden('message_type_not_allowed', `Only the platform may send "${type}" messages; users send ${userMessageTypes.join(', ')}.`);
    }
    return type;
  }

  /** The checks of a send that need no database, in the order the API reports them. */
  function checkInput(principal: Principal, input: SendMessageInput): CheckedSend {
    const type = checkType(principal, input);
    const payload = validatePayload(type, input.payload);
    const content = input.content ?? '';
    if (content.length > maxContentLength) {
      throw invalid('content_too_long', `content may be at most ${maxContentLength} characters; split the message.`);
    }
    const attachmentIds = [...new Set(input.attachments ?? [])];
    if (type === 'text' && content.trim() === '') throw invalid('content_required', 'A text message needs non-empty "content".');
    if ((attachmentMessageTypes as readonly string[]).includes(type) && attachmentIds.length === 0) {
      throw invalid('attachment_required', `A "${type}" message needs at least one uploaded attachment id in "attachments".`);
    }
    return { type, payload, content, attachmentIds, masking: views.contactCounts(content, !speaksAsPlatform(principal)) };
  }

  async function findByClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<MessageView | undefined> {
    const row = await findMessageByClientId(db, conversationId, senderId, clientMessageId);
    return row ? (await views.views([row], conversationId))[0] : undefined;
  }

  /** A message ready for writeMessages: encrypted, tokenised, with its reminder delay. */
  function prepare(conversationId: string, m: CheckedSend & { senderId: string; metadata?: Record<string, unknown>; clientMessageId?: string; automated: boolean; checkParticipant: boolean; id?: string }): MessageToWrite {
    const encrypted = m.content ? crypto.encrypt(m.content) : null;
    return {
      id: m.id ?? randomUUID(),
      conversationId,
      senderId: m.senderId,
      type: m.type,
      ciphertext: encrypted?.ciphertext ?? null,
      keyId: encrypted?.keyId ?? null,
      tokens: m.content ? crypto.searchTokens(m.content) : [],
      payload: m.payload,
      metadata: m.metadata ?? {},
      clientMessageId: m.clientMessageId ?? null,
      masking: m.masking,
      automated: m.automated,
      checkParticipant: m.checkParticipant,
      // Messages typed by a person may remind their recipients; the platform's own notify by themselves.
      reminderSeconds: m.senderId === systemSenderId || m.automated ? 0 : deps.unreadReminderSeconds,
      attachmentIds: m.attachmentIds,
    };
  }

  /** The row a written message has, without reading it back. */
  function newRow(m: MessageToWrite, seq: number, createdAt: Date): MessageRow {
    return {
      id: m.id,
      conversation_id: m.conversationId,
      seq,
      sender_id: m.senderId,
      message_type: m.type,
      content_encrypted: m.ciphertext,
      key_id: m.keyId,
      payload: m.payload,
      metadata: m.metadata,
      client_message_id: m.clientMessageId,
      created_at: new Date(createdAt),
      edited_at: null,
      deleted_at: null,
      is_automated: m.automated,
      masking: m.masking as MessageRow['masking'],
    };
  }

  /**
   * A committed message goes to its participants (the sender's other sockets included); each
   * recipient's copy carries their unread count in the conversation (`unreadCount`), so that
   * one frame tells them both.
   */
  function announce(row: MessageRow, message: MessageView, participatingSender: string | undefined, recipients: Recipient[], revealed: boolean): void {
    const everyone: Viewer[] = recipients.map((r) => ({ userId: r.userId, role: r.role }));
    if (participatingSender !== undefined) everyone.push({ userId: participatingSender, role: 'sender' });
    const unread = new Map<string, number>();
    for (const r of recipients) unread.set(r.userId, r.unreadCount);
    views.publishMessage('message.created', row, message, everyone, unread, revealed);
    for (const listener of createdListeners) listener(message);
  }

  /**
   * Writes one message and announces it. Undefined when the sender must take part and does
   * not; a repeated `clientMessageId` answers the stored message (`created: false`).
   */
  async function store(m: MessageToWrite, participatingSender: string | undefined, content: string, senderIsSeller: boolean): Promise<Sent | undefined> {
    let written;
    try {
      written = await db.transaction().execute(async (trx) => {
        const [row] = await writeMessages(trx, [m]);
        if (row?.participant && !row.existing && row.seq !== null && row.created_at !== null) {
          await deps.events.record(trx, [createdEvent(m, row.seq, row.created_at, row.recipients ?? [], senderIsSeller, content)]);
        }
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error) && m.clientMessageId) {
        const existing = await findByClientId(m.conversationId, m.senderId, m.clientMessageId);
        if (existing) return { message: existing, created: false };
      }
      throw error;
    }
    if (!written?.participant) return undefined;
    if (written.existing && m.clientMessageId) {
      const existing = await findByClientId(m.conversationId, m.senderId, m.clientMessageId);
      return existing ? { message: existing, created: false } : undefined;
    }
    if (written.seq === null || written.created_at === null) return undefined;
    const row = newRow(m, written.seq, written.created_at);
    const attachments = m.attachmentIds.length ? ((await views.attachmentsOf([row.id])).get(row.id) ?? []) : [];
    const message = views.view(row, [], attachments);
    const revealed = await views.revealedAmong([row]);
    announce(row, message, participatingSender, written.recipients ?? [], revealed.has(row.conversation_id));
    return { message, created: true };
  }

  /**
   * Participants' sends without attachments, many per statement (see createWriteBatcher). A
   * conversation's messages get consecutive sequence numbers in arrival order. If the statement
   * fails (two sends with one `clientMessageId` in a batch, or one send's unstorable value),
   * each send is written again on its own, so only the one at fault fails.
   */
  async function writeSends(items: QueuedSend[]): Promise<(Sent | undefined | Error)[]> {
    const prepared = items.map(({ principal, conversationId, input, checked }) =>
      prepare(conversationId, { ...checked, senderId: principal.userId, metadata: input.metadata, clientMessageId: input.clientMessageId, automated: false, checkParticipant: true }),
    );
    let rows;
    try {
      // One transaction for the batch and its message.created events: both are stored, or neither.
      rows = await db.transaction().execute(async (trx) => {
        const written = await writeMessages(trx, prepared);
        const events: DomainEvent[] = [];
        written.forEach((row, index) => {
          if (!row.participant || row.existing || row.seq === null || row.created_at === null) return;
          const { principal, checked } = items[index]!;
          events.push(createdEvent(prepared[index]!, row.seq, row.created_at, row.recipients ?? [], principal.role === 'seller', checked.content));
        });
        await deps.events.record(trx, events);
        return written;
      });
    } catch (error) {
      // The database away: every send hears so at once. Otherwise one send may be at fault.
      if (isDatabaseUnavailable(error)) return items.map(() => error as Error);
      return writeOneByOne(prepared, items);
    }

    const outcomes: (Sent | undefined | Error)[] = [];
    const created: { row: MessageRow; message: MessageView; senderId: string; recipients: Recipient[] }[] = [];
    const repeated: number[] = [];
    for (const [index, row] of rows.entries()) {
      const m = prepared[index]!;
      if (row.participant && row.existing && m.clientMessageId) {
        repeated.push(index);
        outcomes.push(undefined); // the stored message, read below
      } else if (!row.participant || row.seq === null || row.created_at === null) {
        outcomes.push(undefined);
      } else {
        const stored = newRow(m, row.seq, row.created_at);
        // The content as sent: no need to decrypt what was just encrypted.
        const message = views.view(stored, [], [], undefined, items[index]!.checked.content);
        outcomes.push({ message, created: true });
        created.push({ row: stored, message, senderId: m.senderId, recipients: row.recipients ?? [] });
      }
    }
    // The statement returns each recipient's unread count after the whole batch; after a given
    // message it is that, less the later messages of the batch that counted for them.
    const later = new Map<string, number>();
    const unreadAfter = new Array<Recipient[]>(created.length);
    for (let k = created.length - 1; k >= 0; k--) {
      const c = created[k]!;
      const recipients = c.recipients.filter((r) => r.userId !== c.senderId);
      unreadAfter[k] = recipients.map((r) => ({ ...r, unreadCount: r.unreadCount - (later.get(`${c.message.conversationId}\n${r.userId}`) ?? 0) }));
      for (const r of recipients) {
        const key = `${c.message.conversationId}\n${r.userId}`;
        later.set(key, (later.get(key) ?? 0) + 1);
      }
    }
    // Whether contact details are revealed: one question for the batch, only when a message holds some.
    const revealed = await views.revealedAmong(created.map((c) => c.row));
    created.forEach((c, k) => announce(c.row, c.message, c.senderId, unreadAfter[k]!, revealed.has(c.row.conversation_id)));
    for (const index of repeated) {
      const m = prepared[index]!;
      try {
        const existing = await findByClientId(m.conversationId, m.senderId, m.clientMessageId!);
        outcomes[index] = existing ? { message: existing, created: false } : undefined;
      } catch (error) {
        outcomes[index] = error instanceof Error ? error : new Error(String(error));
      }
    }
    return outcomes;
  }

  async function writeOneByOne(prepared: MessageToWrite[], items: QueuedSend[]): Promise<(Sent | undefined | Error)[]> {
    const outcomes: (Sent | undefined | Error)[] = [];
    for (const [index, m] of prepared.entries()) {
      const { principal, checked } = items[index]!;
      try {
        outcomes.push(await store(m, m.senderId, checked.content, principal.role === 'seller'));
      } catch (error) {
        outcomes.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return outcomes;
  }

  const sendBatches = createWriteBatcher(writeSends, { maxBatch: 200, maxInFlight: 1 });

  /**
   * Stores a message and then fans it out. The sequence number, the message and the
   * recipients' unread counts are written by one statement, so a message is either fully
   * there or not at all. A repeated `clientMessageId` returns the stored message.
   *
   * The common case, a participant sending without attachments, takes one round trip: the
   * statement itself checks participation (message.send, folded into SQL by the access policy)
   * and the `clientMessageId`. Anything else, and any send that fails a check, goes the long
   * way, so errors come in the same order for everyone (a stranger learns "not found" before
   * anything about the message).
   */
  async function send(principal: Principal, conversationId: string, input: SendMessageInput): Promise<Sent> {
    if (policySql.decidedByParticipation(principal) && isUuid(conversationId) && !input.attachments?.length) {
      let checked: CheckedSend | undefined;
      try {
        checked = checkInput(principal, input);
        await deps.sendLimit.consume(principal.userId);
      } catch {
        checked = undefined; // reported by the long way, after the access check
      }
      if (checked) {
        const stored = await sendBatches.add({ principal, conversationId, input, checked });
        // Nothing was written: the unit taken for it goes back, as if the long way had refused first.
        if (stored === undefined || !stored.created) deps.sendLimit.refund(principal.userId).catch(() => {});
        if (stored === undefined) throw notFound('conversation');
        return stored;
      }
    }

    const grant = await access.requireAccess(principal, 'message.send', { conversationId });
    const checked = checkInput(principal, input);
    const { type, attachmentIds } = checked;
    // Operators outside the conversation speak as the platform.
    const senderId = type === 'system' || !grant.participant ? systemSenderId : principal.userId;

    if (input.clientMessageId) {
      const existing = await findByClientId(conversationId, senderId, input.clientMessageId);
      if (existing) return { message: existing, created: false };
    }

    if (attachmentIds.length) {
      // Ids that are not uuids match nothing (and must not reach the uuid cast, nor an empty IN list).
      const usable = await deps.attachments.unsent(conversationId, principal.userId, attachmentIds.filter(isUuid));
      if (usable.length !== attachmentIds.length) {
        throw invalid('invalid_attachment', 'Each attachment must be one you uploaded to this conversation and not yet sent.');
      }
      if (type === 'image' && usable.some((a) => !a.mime_type.startsWith('image/'))) {
        throw invalid('invalid_attachment', 'An "image" message may only carry image attachments; send other files as "file".');
      }
      if ((type === 'video' || type === 'voice') && usable.some((a) => attachmentKind(a.mime_type) !== type)) {
        throw invalid('invalid_attachment', `A "${type}" message may only carry ${type} attachments; send other files as "file".`);
      }
    }

    if (!speaksAsPlatform(principal)) await deps.sendLimit.consume(principal.userId);
    const m = prepare(conversationId, { ...checked, senderId, metadata: input.metadata, clientMessageId: input.clientMessageId, automated: false, checkParticipant: false });
    const stored = await store(m, grant.participant ? principal.userId : undefined, checked.content, grant.participant?.role === 'seller');
    if (stored === undefined) throw notFound('conversation');
    return stored;
  }

  /**
   * Writes a message from the platform (or automation speaking for a participant) inside the
   * caller's transaction. Nothing is published until the caller calls `publish`, after commit.
   */
  async function postAsPlatform(trx: Db, conversationId: string, input: PlatformMessageInput): Promise<{ message: MessageView; publish: () => void }> {
    const payload = validatePayload(input.messageType, input.payload);
    const senderId = input.senderId ?? systemSenderId;
    const content = input.content ?? '';
    if (content.length > maxContentLength) throw invalid('content_too_long', `content may be at most ${maxContentLength} characters.`);
    const m = prepare(conversationId, {
      type: input.messageType,
      payload,
      content,
      attachmentIds: [],
      masking: views.contactCounts(content, senderId !== systemSenderId),
      senderId,
      metadata: input.metadata,
      clientMessageId: input.clientMessageId,
      automated: input.automated ?? senderId === systemSenderId,
      checkParticipant: senderId !== systemSenderId,
      id: input.messageId,
    });
    const [written] = await writeMessages(trx, [m]);
    if (written?.participant && written.existing && m.clientMessageId) throw conflict('message_exists', 'A message with this clientMessageId was posted already.');
    if (!written?.participant || written.seq === null || written.created_at === null) throw notFound('conversation');
    await deps.events.record(trx, [createdEvent(m, written.seq, written.created_at, written.recipients ?? [], senderId !== systemSenderId, content)]);
    const row = newRow(m, written.seq, written.created_at);
    const message = views.view(row, [], [], undefined, content);
    const revealed = (await views.revealedAmong([row], trx)).has(conversationId);
    return { message, publish: () => announce(row, message, senderId === systemSenderId ? undefined : senderId, written.recipients ?? [], revealed) };
  }

  /** Calls `listener` with every message committed by this process, as its sender sees it. */
  function onCreated(listener: (message: MessageView) => void): void {
    createdListeners.push(listener);
  }

  return { send, postAsPlatform, findByClientId, onCreated };
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
