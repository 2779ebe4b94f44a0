import { randomUUID } from 'node:crypto';
import { type RawBuilder, type Selectable, sql } from 'kysely';
import { isUuid, type ParticipantRow, requireConversationAccess } from '../auth/access.ts';
import { isOperator, type Principal } from '../auth/principal.ts';
import type { MessageCrypto } from '../crypto/message-crypto.ts';
import { isDatabaseUnavailable } from '../db/availability.ts';
import type { Db } from '../db/connect.ts';
import type { MessagesTable } from '../db/schema.ts';
import { conflict, forbidden, invalid, notFound, ParleyError } from '../errors.ts';
import type { FanOut } from '../realtime/fanout.ts';
import type { RateLimit } from '../rate-limit.ts';
import { type ContactCounts, countContactDetails, maskContactDetails, type MaskingSettings } from './masking.ts';
import { type MessageType, messageTypes, userMessageTypes, validatePayload } from './payloads.ts';
import { createWriteBatcher } from './write-batcher.ts';

export interface AttachmentView {
  attachmentId: string;
  type: 'image' | 'file';
  url: string;
  fileName: string;
  mimeType: string;
  size: number;
}

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

export interface SendMessageInput {
  content?: string;
  messageType?: string;
  attachments?: string[];
  clientMessageId?: string;
  payload?: unknown;
  metadata?: Record<string, unknown>;
}

export interface MessagesDeps {
  db: Db;
  crypto: MessageCrypto;
  fanOut: FanOut;
  sendLimit: RateLimit;
  editWindowSeconds: number;
  masking: MaskingSettings;
  /** Seconds before an unread message schedules a reminder to its recipient; 0: never. */
  unreadReminderSeconds: number;
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

/** Someone a message is shown to, with their role in the conversation. */
interface Viewer {
  userId: string;
  role: string;
}

const maxContentLength = 10_000;
export const systemSenderId = 'system';

type MessageRow = Omit<Selectable<MessagesTable>, 'search_tokens'>;

const messageColumns = [
  'messages.id',
  'messages.conversation_id',
  'messages.seq',
  'messages.sender_id',
  'messages.message_type',
  'messages.content_encrypted',
  'messages.key_id',
  'messages.payload',
  'messages.metadata',
  'messages.client_message_id',
  'messages.created_at',
  'messages.edited_at',
  'messages.deleted_at',
  'messages.is_automated',
  'messages.masking',
] as const;

type Receipts = Pick<ParticipantRow, 'user_id' | 'role' | 'last_read_seq' | 'last_delivered_seq'>[];

/** A conversation of a listed page, with the receipts of its participants (as GET /conversations shows them). */
interface LatestOf {
  conversationId: string;
  lastMessageSeq: number;
  participants: { userId: string; role: string; lastReadSeq: number; lastDeliveredSeq: number }[];
}

export function createMessagesService(deps: MessagesDeps) {
  const { db, crypto, fanOut } = deps;
  const maskedRoles = new Set<string>(deps.masking.roles);
  const createdListeners: ((message: MessageView) => void)[] = [];

  /**
   * A recipient's reminder after a new message: kept if one is pending, otherwise due in
   * `seconds`, unless reminders are off (0), the recipient is not a buyer or seller, or a
   * reminder already covered this unread streak (nothing read since).
   */
  const reminderDue = (seconds: RawBuilder<number>) =>
    sql`CASE WHEN ${seconds} > 0 AND p.role IN ('buyer', 'seller') AND p.reminded_seq <= p.last_read_seq
             THEN coalesce(p.reminder_due_at, now() + make_interval(secs => ${seconds}))
             ELSE p.reminder_due_at END`;

  /**
   * The contact details in a message, counted once when it is written (views mask them per
   * viewer). Only users' messages count, and only while some role has masking.
   */
  function contactCounts(content: string, fromUser: boolean): ContactCounts | null {
    return content && fromUser && maskedRoles.size > 0 ? countContactDetails(content, deps.masking) : null;
  }

  /** Whether `viewerRole` sees this message's contact details masked: someone else's, from a user, to a masked role. */
  function masksFor(row: Pick<MessageRow, 'masking' | 'sender_id'>, viewer: Viewer | undefined): boolean {
    return Boolean(row.masking) && viewer !== undefined && viewer.userId !== row.sender_id && row.sender_id !== systemSenderId && maskedRoles.has(viewer.role);
  }

  /** The message as `viewerId` sees it (undefined: as written, for the sender and operators). */
  function view(row: MessageRow, receipts: Receipts, attachments: AttachmentView[], viewerId?: string): MessageView {
    const others = receipts.filter((r) => r.user_id !== row.sender_id && r.role !== 'system');
    const readBy = others.filter((r) => r.last_read_seq >= row.seq).map((r) => r.user_id);
    let status: MessageView['status'] = 'sent';
    if (row.deleted_at) status = 'deleted';
    else if (others.length > 0 && readBy.length === others.length) status = 'read';
    else if (others.length > 0 && others.every((r) => r.last_delivered_seq >= row.seq)) status = 'delivered';
    const isSystem = row.sender_id === systemSenderId;
    const viewer = viewerId === undefined ? undefined : receipts.find((r) => r.user_id === viewerId);
    const masked = masksFor(row, viewer ? { userId: viewer.user_id, role: viewer.role } : undefined);
    let content = row.content_encrypted && row.key_id ? crypto.decrypt(row.content_encrypted, row.key_id) : null;
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
      isSystem,
      isAutomated: row.is_automated,
      masked,
      readBy,
      status,
      attachments: row.deleted_at ? [] : attachments,
      clientMessageId: row.client_message_id,
      metadata: { ...((row.metadata as Record<string, unknown>) ?? {}), encryptionStatus: 'encrypted_at_rest' },
    };
  }

  async function receiptsOf(conversationId: string): Promise<Receipts> {
    return db
      .selectFrom('conversation_participants')
      .select(['user_id', 'role', 'last_read_seq', 'last_delivered_seq'])
      .where('conversation_id', '=', conversationId)
      .execute();
  }

  async function attachmentsOf(messageIds: string[]): Promise<Map<string, AttachmentView[]>> {
    const out = new Map<string, AttachmentView[]>();
    if (messageIds.length === 0) return out;
    const rows = await db
      .selectFrom('message_attachments')
      .select(['id', 'message_id', 'file_name', 'mime_type', 'size_bytes'])
      .where('message_id', 'in', messageIds)
      .orderBy('created_at')
      .execute();
    for (const r of rows) {
      const list = out.get(r.message_id!) ?? [];
      list.push(attachmentView(r));
      out.set(r.message_id!, list);
    }
    return out;
  }

  async function views(rows: MessageRow[], conversationId: string, viewerId?: string): Promise<MessageView[]> {
    if (rows.length === 0) return [];
    const [receipts, attachments] = await Promise.all([receiptsOf(conversationId), attachmentsOf(rows.map((r) => r.id))]);
    return rows.map((r) => view(r, receipts, attachments.get(r.id) ?? [], viewerId));
  }

  /** A changed message and the participants to tell, from one read of the participants. */
  async function changed(row: MessageRow): Promise<{ message: MessageView; audience: Viewer[] }> {
    const [receipts, attachments] = await Promise.all([receiptsOf(row.conversation_id), attachmentsOf([row.id])]);
    return { message: view(row, receipts, attachments.get(row.id) ?? []), audience: receipts.map((r) => ({ userId: r.user_id, role: r.role })) };
  }

  /**
   * Publishes a message event (`message` as written) to `audience`; those whose role masks
   * contact details get a copy with them hidden.
   */
  function publishMessage(type: string, row: Pick<MessageRow, 'masking' | 'sender_id'>, message: MessageView, audience: Viewer[]): void {
    const plain: string[] = [];
    const masked: string[] = [];
    for (const viewer of audience) (masksFor(row, viewer) ? masked : plain).push(viewer.userId);
    if (plain.length) fanOut.publish({ userIds: plain, payload: { type, message } });
    if (masked.length) {
      const content = message.content === null ? null : maskContactDetails(message.content, deps.masking);
      fanOut.publish({ userIds: masked, payload: { type, message: { ...message, content, masked: true } } });
    }
  }

  async function participantIds(conversationId: string): Promise<string[]> {
    const rows = await db.selectFrom('conversation_participants').select('user_id').where('conversation_id', '=', conversationId).execute();
    return rows.map((r) => r.user_id);
  }

  function checkType(principal: Principal, input: SendMessageInput): MessageType {
    const type = (input.messageType ?? 'text') as MessageType;
    if (!messageTypes.includes(type)) {
      throw invalid('unknown_message_type', `messageType must be one of ${messageTypes.join(', ')}.`);
    }
    if (!isOperator(principal) && !(userMessageTypes as readonly string[]).includes(type)) {
      throw forbidden('message_type_not_allowed', `Only the platform may send "${type}" messages; users send ${userMessageTypes.join(', ')}.`);
    }
    return type;
  }

  async function findByClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<MessageView | undefined> {
    const row = await db
      .selectFrom('messages')
      .select(messageColumns)
      .where('conversation_id', '=', conversationId)
      .where('sender_id', '=', senderId)
      .where('client_message_id', '=', clientMessageId)
      .executeTakeFirst();
    return row ? (await views([row], conversationId))[0] : undefined;
  }

  /** The checks of a send that need no database, in the order the API reports them. */
  function checkInput(principal: Principal, input: SendMessageInput) {
    const type = checkType(principal, input);
    const payload = validatePayload(type, input.payload);
    const content = input.content ?? '';
    if (content.length > maxContentLength) {
      throw invalid('content_too_long', `content may be at most ${maxContentLength} characters; split the message.`);
    }
    const attachmentIds = [...new Set(input.attachments ?? [])];
    if (type === 'text' && content.trim() === '') throw invalid('content_required', 'A text message needs non-empty "content".');
    if ((type === 'image' || type === 'file') && attachmentIds.length === 0) {
      throw invalid('attachment_required', `A "${type}" message needs at least one uploaded attachment id in "attachments".`);
    }
    return { type, payload, content, attachmentIds, masking: contactCounts(content, !isOperator(principal)) };
  }

  /**
   * Stores a message and then fans it out. The sequence number, the message and the
   * recipients' unread counts are written by one statement, so a message is either fully
   * there or not at all. A repeated `clientMessageId` returns the stored message.
   *
   * The common case, a participant sending without attachments, takes one round trip: the
   * statement itself checks participation and the `clientMessageId`. Anything else, and any
   * send that fails a check, goes the long way, so errors come in the same order for everyone
   * (a stranger learns "not found" before anything about the message).
   */
  async function send(principal: Principal, conversationId: string, input: SendMessageInput): Promise<{ message: MessageView; created: boolean }> {
    if (!isOperator(principal) && isUuid(conversationId) && !input.attachments?.length) {
      let checked: ReturnType<typeof checkInput> | undefined;
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

    const access = await requireConversationAccess(db, principal, conversationId);
    const checked = checkInput(principal, input);
    const { type, attachmentIds } = checked;
    // Operators outside the conversation speak as the platform.
    const senderId = type === 'system' || !access.participant ? systemSenderId : principal.userId;

    if (input.clientMessageId) {
      const existing = await findByClientId(conversationId, senderId, input.clientMessageId);
      if (existing) return { message: existing, created: false };
    }

    if (attachmentIds.length) {
      // Ids that are not uuids match nothing (and must not reach the uuid cast, nor an empty IN list).
      const wellFormed = attachmentIds.filter(isUuid);
      const usable = !wellFormed.length ? [] : await db
        .selectFrom('message_attachments')
        .select(['id', 'mime_type'])
        .where('id', 'in', wellFormed)
        .where('conversation_id', '=', conversationId)
        .where('uploader_id', '=', principal.userId)
        .where('message_id', 'is', null)
        .execute();
      if (usable.length !== attachmentIds.length) {
        throw invalid('invalid_attachment', 'Each attachment must be one you uploaded to this conversation and not yet sent.');
      }
      if (type === 'image' && usable.some((a) => !a.mime_type.startsWith('image/'))) {
        throw invalid('invalid_attachment', 'An "image" message may only carry image attachments; send other files as "file".');
      }
    }

    if (!isOperator(principal)) await deps.sendLimit.consume(principal.userId);
    const stored = await store(principal, conversationId, input, checked, { senderId, participant: Boolean(access.participant), checkParticipant: false });
    if (stored === undefined) throw notFound('conversation');
    return stored;
  }

  type Recipient = { userId: string; unreadCount: number; role: string };

  /**
   * The statement that writes a message, and its fan-out. With `checkParticipant`, nothing is
   * written unless the sender takes part in the conversation (undefined is returned); in any
   * case nothing is written when the sender already stored this `clientMessageId` (the stored
   * message is returned, `created: false`).
   */
  async function store(
    principal: Principal,
    conversationId: string,
    input: SendMessageInput,
    checked: ReturnType<typeof checkInput>,
    sender: { senderId: string; participant: boolean; checkParticipant: boolean },
  ): Promise<{ message: MessageView; created: boolean } | undefined> {
    const { senderId } = sender;
    let written: Awaited<ReturnType<typeof write>>;
    try {
      written = await write(db, conversationId, { ...checked, senderId, metadata: input.metadata ?? {}, clientMessageId: input.clientMessageId, automated: false, checkParticipant: sender.checkParticipant });
    } catch (error) {
      if (isUniqueViolation(error) && input.clientMessageId) {
        const existing = await findByClientId(conversationId, senderId, input.clientMessageId);
        if (existing) return { message: existing, created: false };
      }
      throw error;
    }
    if (written === 'not_participant') return undefined;
    if (written === 'repeated') {
      const existing = await findByClientId(conversationId, senderId, input.clientMessageId!);
      return existing ? { message: existing, created: false } : undefined;
    }
    const { row, recipients } = written;
    const attachments = checked.attachmentIds.length ? ((await attachmentsOf([row.id])).get(row.id) ?? []) : [];
    const message = view(row, [], attachments);
    announce(row, message, sender.participant ? principal.userId : undefined, recipients);
    return { message, created: true };
  }

  /**
   * One statement writes a message: it takes the conversation's next sequence number, inserts
   * the message, counts it unread for the other participants (and schedules their unread
   * reminder), and links its attachments.
   */
  async function write(
    executor: Db,
    conversationId: string,
    m: {
      type: MessageType;
      payload: Record<string, unknown> | null;
      content: string;
      attachmentIds: string[];
      masking: ContactCounts | null;
      senderId: string;
      metadata: Record<string, unknown>;
      clientMessageId: string | undefined;
      automated: boolean;
      checkParticipant: boolean;
      id?: string;
    },
  ): Promise<'not_participant' | 'repeated' | { row: MessageRow; recipients: Recipient[] }> {
    const id = m.id ?? randomUUID();
    const encrypted = m.content ? crypto.encrypt(m.content) : null;
    const tokens = m.content ? crypto.searchTokens(m.content) : [];
    // Messages typed by a person may remind their recipients; the platform's own notify by themselves.
    const reminderSeconds = m.senderId === systemSenderId || m.automated ? 0 : deps.unreadReminderSeconds;
    type Inserted = { participant: boolean; existing: string | null; seq: number | null; created_at: Date | null; recipients: Recipient[] | null };
    const result = await sql<Inserted>`
      WITH guard AS (
        SELECT (NOT ${m.checkParticipant}::boolean
                OR EXISTS (SELECT 1 FROM conversation_participants WHERE conversation_id = ${conversationId} AND user_id = ${m.senderId})) AS participant,
               (SELECT id FROM messages
                 WHERE conversation_id = ${conversationId} AND sender_id = ${m.senderId} AND client_message_id = ${m.clientMessageId ?? null}) AS existing
      ), conv AS (
        UPDATE conversations
           SET last_message_seq = last_message_seq + 1, last_message_at = now(), updated_at = now()
         WHERE id = ${conversationId} AND (SELECT participant AND existing IS NULL FROM guard)
     RETURNING last_message_seq AS seq, last_message_at AS at
      ), msg AS (
        INSERT INTO messages (id, conversation_id, seq, sender_id, message_type, content_encrypted, key_id, search_tokens, payload, metadata,
                              client_message_id, created_at, is_automated, masking)
        SELECT ${id}, ${conversationId}, conv.seq, ${m.senderId}, ${m.type}, ${encrypted?.ciphertext ?? null}, ${encrypted?.keyId ?? null},
               ${tokens}::text[], ${m.payload ? JSON.stringify(m.payload) : null}::jsonb, ${JSON.stringify(m.metadata)}::jsonb,
               ${m.clientMessageId ?? null}, conv.at, ${m.automated}, ${m.masking ? JSON.stringify(m.masking) : null}::jsonb
          FROM conv
     RETURNING seq, created_at
      ), recipients AS (
        UPDATE conversation_participants p
           SET unread_count = p.unread_count + 1, archived_at = NULL,
               reminder_due_at = ${reminderDue(sql`${reminderSeconds}::int`)}
         WHERE p.conversation_id = ${conversationId} AND p.user_id <> ${m.senderId} AND EXISTS (SELECT 1 FROM msg)
     RETURNING p.user_id, p.unread_count, p.role
      ), attached AS (
        UPDATE message_attachments SET message_id = ${id}
         WHERE id = ANY(${m.attachmentIds}::uuid[]) AND message_id IS NULL AND EXISTS (SELECT 1 FROM msg)
     RETURNING id
      )
      SELECT guard.participant, guard.existing, msg.seq, msg.created_at,
             (SELECT json_agg(json_build_object('userId', user_id, 'unreadCount', unread_count, 'role', role)) FROM recipients) AS recipients,
             (SELECT count(*) FROM attached) AS attached
        FROM guard LEFT JOIN msg ON true`.execute(executor);
    const inserted = result.rows[0];
    if (!inserted?.participant) return 'not_participant';
    if (inserted.existing && m.clientMessageId) return 'repeated';
    if (inserted.seq === null || inserted.created_at === null) return 'not_participant';
    const row = newRow({ ...m, id, conversationId, encrypted, seq: inserted.seq, createdAt: inserted.created_at });
    return { row, recipients: inserted.recipients ?? [] };
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
    const written = await write(trx, conversationId, {
      type: input.messageType,
      payload,
      content,
      attachmentIds: [],
      masking: contactCounts(content, senderId !== systemSenderId),
      senderId,
      metadata: input.metadata ?? {},
      clientMessageId: input.clientMessageId,
      automated: input.automated ?? senderId === systemSenderId,
      checkParticipant: senderId !== systemSenderId,
      id: input.messageId,
    });
    if (written === 'repeated') throw conflict('message_exists', 'A message with this clientMessageId was posted already.');
    if (written === 'not_participant') throw notFound('conversation');
    const message = view(written.row, [], []);
    return { message, publish: () => announce(written.row, message, senderId === systemSenderId ? undefined : senderId, written.recipients) };
  }

  function newRow(m: {
    id: string;
    conversationId: string;
    senderId: string;
    type: string;
    payload: Record<string, unknown> | null;
    metadata: Record<string, unknown>;
    encrypted: { ciphertext: Buffer; keyId: string } | null;
    clientMessageId: string | undefined;
    seq: number;
    createdAt: Date;
    automated: boolean;
    masking: ContactCounts | null;
  }): MessageRow {
    return {
      id: m.id,
      conversation_id: m.conversationId,
      seq: m.seq,
      sender_id: m.senderId,
      message_type: m.type,
      content_encrypted: m.encrypted?.ciphertext ?? null,
      key_id: m.encrypted?.keyId ?? null,
      payload: m.payload,
      metadata: m.metadata,
      client_message_id: m.clientMessageId ?? null,
      created_at: new Date(m.createdAt),
      edited_at: null,
      deleted_at: null,
      is_automated: m.automated,
      masking: m.masking,
    };
  }

  /** A committed message goes to its participants (the sender's other sockets included), and each recipient learns their unread count. */
  function announce(row: MessageRow, message: MessageView, participatingSender: string | undefined, recipients: Recipient[]): void {
    const everyone: Viewer[] = recipients.map((r) => ({ userId: r.userId, role: r.role }));
    if (participatingSender !== undefined) everyone.push({ userId: participatingSender, role: 'sender' });
    publishMessage('message.created', row, message, everyone);
    for (const listener of createdListeners) listener(message);
    for (const r of recipients) {
      fanOut.publish({ userIds: [r.userId], payload: { type: 'unread', conversationId: message.conversationId, unreadCount: r.unreadCount } });
    }
  }

  interface QueuedSend {
    principal: Principal;
    conversationId: string;
    input: SendMessageInput;
    checked: ReturnType<typeof checkInput>;
  }

  type Sent = { message: MessageView; created: boolean };

  /**
   * Participants' sends without attachments, many per statement (see createWriteBatcher). Each
   * is checked as `store` checks it: the sender must take part in the conversation and the
   * `clientMessageId` must be new. A conversation's messages get consecutive sequence numbers
   * in arrival order. Rows are locked in key order, so that batches, here or on another node,
   * and delivery marks cannot deadlock. If the statement fails (two sends with one
   * `clientMessageId` in a batch, or one send's unstorable value), each send is written again
   * on its own, so only the one at fault fails.
   */
  async function writeSends(items: QueuedSend[]): Promise<(Sent | undefined | Error)[]> {
    const prepared = items.map(({ principal, conversationId, input, checked }) => ({
      id: randomUUID(),
      conversationId,
      senderId: principal.userId,
      type: checked.type,
      payload: checked.payload,
      metadata: input.metadata ?? {},
      encrypted: checked.content ? crypto.encrypt(checked.content) : null,
      tokens: checked.content ? crypto.searchTokens(checked.content) : [],
      clientMessageId: input.clientMessageId,
      masking: checked.masking,
      automated: false,
    }));
    type Row = { participant: boolean; existing: string | null; seq: number | null; created_at: Date | null; recipients: Recipient[] | null };
    let rows: Row[];
    try {
      const result = await sql<Row>`
        WITH input AS (
          SELECT * FROM unnest(
            ${prepared.map((_, i) => i)}::int[], ${prepared.map((m) => m.id)}::uuid[], ${prepared.map((m) => m.conversationId)}::uuid[],
            ${prepared.map((m) => m.senderId)}::text[], ${prepared.map((m) => m.type)}::text[],
            ${prepared.map((m) => m.encrypted?.ciphertext.toString('hex') ?? null)}::text[], ${prepared.map((m) => m.encrypted?.keyId ?? null)}::text[],
            ${prepared.map((m) => m.tokens.join(' '))}::text[], ${prepared.map((m) => (m.payload ? JSON.stringify(m.payload) : null))}::text[],
            ${prepared.map((m) => JSON.stringify(m.metadata))}::text[], ${prepared.map((m) => m.clientMessageId ?? null)}::text[],
            ${prepared.map((m) => (m.masking ? JSON.stringify(m.masking) : null))}::text[]
          ) AS i(ord, id, conversation_id, sender_id, message_type, ciphertext, key_id, tokens, payload, metadata, client_message_id, masking)
        ), guard AS MATERIALIZED (
          SELECT i.*,
                 EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = i.conversation_id AND p.user_id = i.sender_id) AS participant,
                 (SELECT m.id FROM messages m
                   WHERE m.conversation_id = i.conversation_id AND m.sender_id = i.sender_id AND m.client_message_id = i.client_message_id) AS existing
            FROM input i
        ), accepted AS MATERIALIZED (
          SELECT * FROM guard WHERE participant AND existing IS NULL
        ), locked AS MATERIALIZED (
          SELECT c.id FROM conversations c WHERE c.id IN (SELECT conversation_id FROM accepted) ORDER BY c.id FOR UPDATE
        ), conv AS (
          UPDATE conversations c
             SET last_message_seq = c.last_message_seq + n.count, last_message_at = now(), updated_at = now()
            FROM (SELECT conversation_id, count(*) AS count FROM accepted GROUP BY conversation_id) n
           WHERE c.id = n.conversation_id AND c.id IN (SELECT id FROM locked)
       RETURNING c.id, c.last_message_seq - n.count AS base, c.last_message_at AS at
        ), numbered AS MATERIALIZED (
          SELECT a.*, conv.base + row_number() OVER (PARTITION BY a.conversation_id ORDER BY a.ord) AS seq, conv.at
            FROM accepted a JOIN conv ON conv.id = a.conversation_id
        ), msg AS (
          INSERT INTO messages (id, conversation_id, seq, sender_id, message_type, content_encrypted, key_id, search_tokens, payload, metadata,
                                client_message_id, created_at, masking)
          SELECT id, conversation_id, seq, sender_id, message_type, decode(ciphertext, 'hex'), key_id, string_to_array(tokens, ' '),
                 payload::jsonb, metadata::jsonb, client_message_id, at, masking::jsonb
            FROM numbered
       RETURNING id, seq, created_at
        ), bumps AS MATERIALIZED (
          SELECT p.conversation_id, p.user_id, count(*) AS n
            FROM numbered k JOIN conversation_participants p ON p.conversation_id = k.conversation_id AND p.user_id <> k.sender_id
           GROUP BY p.conversation_id, p.user_id
        ), participants_locked AS MATERIALIZED (
          SELECT p.conversation_id, p.user_id FROM conversation_participants p
           WHERE (p.conversation_id, p.user_id) IN (SELECT conversation_id, user_id FROM bumps)
           ORDER BY p.conversation_id, p.user_id FOR UPDATE
        ), recipients AS (
          UPDATE conversation_participants p
             SET unread_count = p.unread_count + b.n, archived_at = NULL,
                 reminder_due_at = ${reminderDue(sql`${deps.unreadReminderSeconds}::int`)}
            FROM bumps b
           WHERE p.conversation_id = b.conversation_id AND p.user_id = b.user_id AND EXISTS (SELECT 1 FROM msg)
             AND (p.conversation_id, p.user_id) IN (SELECT conversation_id, user_id FROM participants_locked)
       RETURNING p.conversation_id, p.user_id, p.unread_count, p.role
        )
        SELECT g.participant, g.existing, m.seq, m.created_at,
               (SELECT json_agg(json_build_object('userId', r.user_id, 'unreadCount', r.unread_count, 'role', r.role))
                  FROM recipients r WHERE r.conversation_id = g.conversation_id) AS recipients
          FROM guard g LEFT JOIN msg m ON m.id = g.id
         ORDER BY g.ord`.execute(db);
      rows = result.rows;
    } catch (error) {
      // The database away: every send hears so at once. Otherwise one send may be at fault.
      if (isDatabaseUnavailable(error)) return items.map(() => error as Error);
      return writeOneByOne(items);
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
        const stored = newRow({ ...m, seq: row.seq, createdAt: row.created_at });
        const message = view(stored, [], []);
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
    created.forEach((c, k) => announce(c.row, c.message, c.senderId, unreadAfter[k]!));
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

  async function writeOneByOne(items: QueuedSend[]): Promise<(Sent | undefined | Error)[]> {
    const outcomes: (Sent | undefined | Error)[] = [];
    for (const { principal, conversationId, input, checked } of items) {
      try {
        outcomes.push(await store(principal, conversationId, input, checked, { senderId: principal.userId, participant: true, checkParticipant: true }));
      } catch (error) {
        outcomes.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return outcomes;
  }

  const sendBatches = createWriteBatcher(writeSends, { maxBatch: 200, maxInFlight: 1 });

  async function list(
    principal: Principal,
    conversationId: string,
    page: { before?: number; after?: number; limit?: number },
  ): Promise<{ messages: MessageView[]; hasMore: boolean }> {
    const access = await requireConversationAccess(db, principal, conversationId);
    const limit = Math.min(Math.max(page.limit ?? 50, 1), 200);
    let query = db.selectFrom('messages').select(messageColumns).where('conversation_id', '=', conversationId).limit(limit + 1);
    if (page.after !== undefined) {
      query = query.where('seq', '>', page.after).orderBy('seq', 'asc');
      if (page.before !== undefined) query = query.where('seq', '<', page.before);
    } else {
      query = query.orderBy('seq', 'desc');
      if (page.before !== undefined) query = query.where('seq', '<', page.before);
    }
    const rows = await query.execute();
    const hasMore = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    if (page.after === undefined) pageRows.reverse();
    const messages = await views(pageRows, conversationId, principal.userId);
    const newest = pageRows.at(-1)?.seq;
    if (access.participant && newest !== undefined && newest > access.participant.last_delivered_seq) {
      await markDelivered([{ conversationId, userId: principal.userId, seq: newest }]);
    }
    return { messages, hasMore };
  }

  /** Messages after a sequence number as `viewerId` sees them, for sockets that resume or fill a gap. Access is checked by the caller. */
  async function after(conversationId: string, afterSeq: number, limit: number, viewerId: string): Promise<MessageView[]> {
    const rows = await db
      .selectFrom('messages')
      .select(messageColumns)
      .where('conversation_id', '=', conversationId)
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
    return views(rows, conversationId, viewerId);
  }

  /** Messages by id, in sequence order, as `viewerId` sees them. Access is checked by the caller. */
  async function byIds(conversationId: string, ids: string[], viewerId?: string): Promise<MessageView[]> {
    if (ids.length === 0) return [];
    const rows = await db.selectFrom('messages').select(messageColumns).where('conversation_id', '=', conversationId).where('id', 'in', ids).orderBy('seq').execute();
    return views(rows, conversationId, viewerId);
  }

  /**
   * The latest message of each conversation (by its last sequence number) as `viewerId` sees
   * it, for a page of the inbox. The conversations come with their participants as the caller
   * just read them, so this is two queries whatever the page size. Access is checked by the caller.
   */
  async function latest(conversations: LatestOf[], viewerId: string): Promise<Map<string, MessageView>> {
    const out = new Map<string, MessageView>();
    const wanted = conversations.filter((c) => c.lastMessageSeq > 0);
    if (wanted.length === 0) return out;
    const rows = await db
      .selectFrom('messages')
      .select(messageColumns)
      .where((eb) => eb.or(wanted.map((c) => eb.and([eb('conversation_id', '=', c.conversationId), eb('seq', '=', c.lastMessageSeq)]))))
      .execute();
    const attachments = await attachmentsOf(rows.map((r) => r.id));
    const byId = new Map(wanted.map((c) => [c.conversationId, c]));
    for (const row of rows) {
      const receipts = byId.get(row.conversation_id)!.participants.map((p) => ({
        user_id: p.userId,
        role: p.role,
        last_read_seq: p.lastReadSeq,
        last_delivered_seq: p.lastDeliveredSeq,
      }));
      out.set(row.conversation_id, view(row, receipts, attachments.get(row.id) ?? [], viewerId));
    }
    return out;
  }

  async function loadOwn(principal: Principal, conversationId: string, messageId: string): Promise<MessageRow> {
    await requireConversationAccess(db, principal, conversationId);
    if (!/^[0-9a-f-]{36}$/i.test(messageId)) throw notFound('message');
    const row = await db
      .selectFrom('messages')
      .select(messageColumns)
      .where('id', '=', messageId)
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    if (!row) throw notFound('message');
    if (row.deleted_at) throw conflict('message_deleted', 'This message was deleted and can no longer be changed.');
    if (row.sender_id !== principal.userId && !isOperator(principal)) {
      throw forbidden('not_message_sender', 'Only the sender may edit or delete a message.');
    }
    if (!isOperator(principal) && Date.now() - row.created_at.getTime() > deps.editWindowSeconds * 1000) {
      throw new ParleyError(
        'conflict',
        'edit_window_closed',
        `Messages can be changed for ${deps.editWindowSeconds} seconds after sending; this one is older.`,
      );
    }
    return row;
  }

  async function edit(principal: Principal, conversationId: string, messageId: string, content: string): Promise<MessageView> {
    const row = await loadOwn(principal, conversationId, messageId);
    if (row.message_type !== 'text' && row.message_type !== 'image' && row.message_type !== 'file') {
      throw conflict('message_not_editable', `"${row.message_type}" messages cannot be edited.`);
    }
    if (content.length > maxContentLength) throw invalid('content_too_long', `content may be at most ${maxContentLength} characters.`);
    if (row.message_type === 'text' && content.trim() === '') throw invalid('content_required', 'A text message needs non-empty "content".');
    const encrypted = crypto.encrypt(content);
    const masking = contactCounts(content, !isOperator(principal));
    const updated = await db
      .updateTable('messages')
      .set({
        content_encrypted: encrypted.ciphertext,
        key_id: encrypted.keyId,
        search_tokens: crypto.searchTokens(content),
        edited_at: new Date(),
        masking: masking ? JSON.stringify(masking) : null,
      })
      .where('id', '=', messageId)
      .where('deleted_at', 'is', null)
      .returning(messageColumns)
      .executeTakeFirst();
    if (!updated) throw conflict('message_deleted', 'This message was deleted and can no longer be changed.');
    const { message, audience } = await changed(updated);
    publishMessage('message.updated', updated, message, audience);
    return message;
  }

  async function remove(principal: Principal, conversationId: string, messageId: string): Promise<MessageView> {
    await loadOwn(principal, conversationId, messageId);
    const updated = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('messages')
        .set({ content_encrypted: null, key_id: null, search_tokens: sql`'{}'::text[]`, payload: null, deleted_at: new Date(), masking: null })
        .where('id', '=', messageId)
        .where('deleted_at', 'is', null)
        .returning(messageColumns)
        .executeTakeFirst();
      if (!row) throw conflict('message_deleted', 'This message was already deleted.');
      await sql`
        UPDATE conversation_participants p
           SET unread_count = (SELECT count(*) FROM messages m
                                WHERE m.conversation_id = p.conversation_id AND m.seq > p.last_read_seq
                                  AND m.sender_id <> p.user_id AND m.deleted_at IS NULL)
         WHERE p.conversation_id = ${conversationId}`.execute(trx);
      return row;
    });
    const { message, audience } = await changed(updated);
    publishMessage('message.deleted', updated, message, audience);
    return message;
  }

  /** Marks messages read up to `seq` (default: the latest) and tells the other participants. */
  async function markRead(principal: Principal, conversationId: string, seq?: number): Promise<{ lastReadSeq: number; unreadCount: number }> {
    const access = await requireConversationAccess(db, principal, conversationId);
    if (!access.participant) throw forbidden('not_a_participant', 'Only participants have read receipts; join the conversation first.');
    const result = await sql<{ last_read_seq: number; last_delivered_seq: number; unread_count: number }>`
      UPDATE conversation_participants p
         SET last_read_seq = GREATEST(p.last_read_seq, LEAST(c.last_message_seq, ${seq ?? null}::bigint)),
             last_delivered_seq = GREATEST(p.last_delivered_seq, LEAST(c.last_message_seq, ${seq ?? null}::bigint)),
             unread_count = (SELECT count(*) FROM messages m
                              WHERE m.conversation_id = p.conversation_id
                                AND m.seq > GREATEST(p.last_read_seq, LEAST(c.last_message_seq, ${seq ?? null}::bigint))
                                AND m.sender_id <> p.user_id AND m.deleted_at IS NULL),
             -- Read to the end in time: the pending unread reminder is cancelled.
             reminder_due_at = CASE WHEN GREATEST(p.last_read_seq, LEAST(c.last_message_seq, ${seq ?? null}::bigint)) >= c.last_message_seq
                                    THEN NULL ELSE p.reminder_due_at END
        FROM conversations c
       WHERE c.id = p.conversation_id AND p.conversation_id = ${conversationId} AND p.user_id = ${principal.userId}
   RETURNING p.last_read_seq, p.last_delivered_seq, p.unread_count`.execute(db);
    const row = result.rows[0]!;
    if (row.last_read_seq !== access.participant.last_read_seq) {
      fanOut.publish({
        userIds: await participantIds(conversationId),
        payload: {
          type: 'receipt',
          conversationId,
          userId: principal.userId,
          lastReadSeq: row.last_read_seq,
          lastDeliveredSeq: row.last_delivered_seq,
        },
      });
    }
    fanOut.publish({ userIds: [principal.userId], payload: { type: 'unread', conversationId, unreadCount: row.unread_count } });
    return { lastReadSeq: row.last_read_seq, unreadCount: row.unread_count };
  }

  /** Records that messages reached a recipient (socket or fetch), and tells the participants. */
  async function markDelivered(marks: { conversationId: string; userId: string; seq: number }[]): Promise<void> {
    if (marks.length === 0) return;
    // One statement for the whole batch, which also names each conversation's participants
    // (the receipts' audience): three array parameters, however many marks. Rows are locked in
    // key order, as batched sends lock them, so the two cannot deadlock.
    const result = await sql<{ conversation_id: string; user_id: string; last_read_seq: number; last_delivered_seq: number; participants: string[] }>`
      WITH v AS (
        SELECT * FROM unnest(${marks.map((m) => m.conversationId)}::uuid[], ${marks.map((m) => m.userId)}::text[], ${marks.map((m) => m.seq)}::bigint[])
               AS v(conversation_id, user_id, seq)
      ), locked AS MATERIALIZED (
        SELECT p.conversation_id, p.user_id
          FROM conversation_participants p JOIN v ON p.conversation_id = v.conversation_id AND p.user_id = v.user_id
         WHERE p.last_delivered_seq < v.seq
         ORDER BY p.conversation_id, p.user_id
           FOR UPDATE OF p
      ), marked AS (
        UPDATE conversation_participants p
           SET last_delivered_seq = v.seq
          FROM v
         WHERE p.conversation_id = v.conversation_id AND p.user_id = v.user_id AND p.last_delivered_seq < v.seq
           AND (p.conversation_id, p.user_id) IN (SELECT conversation_id, user_id FROM locked)
     RETURNING p.conversation_id, p.user_id, p.last_read_seq, p.last_delivered_seq
      )
      SELECT m.conversation_id, m.user_id, m.last_read_seq, m.last_delivered_seq,
             ARRAY(SELECT a.user_id FROM conversation_participants a WHERE a.conversation_id = m.conversation_id) AS participants
        FROM marked m`.execute(db);
    for (const r of result.rows) {
      fanOut.publish({
        userIds: r.participants,
        payload: { type: 'receipt', conversationId: r.conversation_id, userId: r.user_id, lastReadSeq: r.last_read_seq, lastDeliveredSeq: r.last_delivered_seq },
      });
    }
  }

  /**
   * Full-text search over the conversations the caller can see. Bodies are encrypted, so the
   * search runs on the keyed blind index: every word of the query must be in the message.
   */
  async function search(principal: Principal, query: string, options: { conversationId?: string; limit?: number }): Promise<MessageView[]> {
    const byKey = crypto.queryTokens(query);
    if ([...byKey.values()][0]!.length === 0) {
      throw invalid('invalid_query', 'The search needs at least one word of two or more letters or digits.');
    }
    if (options.conversationId) await requireConversationAccess(db, principal, options.conversationId);
    const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
    let q = db
      .selectFrom('messages')
      .select(messageColumns)
      .where('messages.deleted_at', 'is', null)
      .where((eb) => eb.or([...byKey].map(([keyId, tokens]) => eb.and([eb('messages.key_id', '=', keyId), sql<boolean>`messages.search_tokens @> ${tokens}::text[]`]))))
      .orderBy('messages.created_at', 'desc')
      .limit(limit);
    if (options.conversationId) q = q.where('messages.conversation_id', '=', options.conversationId);
    if (!isOperator(principal)) {
      q = q.innerJoin('conversation_participants as p', (j) =>
        j.onRef('p.conversation_id', '=', 'messages.conversation_id').on('p.user_id', '=', principal.userId),
      );
    }
    const rows = await q.execute();
    const out: MessageView[] = [];
    const byConversationRows = new Map<string, MessageRow[]>();
    for (const r of rows) byConversationRows.set(r.conversation_id, [...(byConversationRows.get(r.conversation_id) ?? []), r]);
    const viewed = new Map<string, MessageView>();
    for (const [conversationId, convRows] of byConversationRows) {
      for (const v of await views(convRows, conversationId, principal.userId)) viewed.set(v.messageId, v);
    }
    // A match on words the viewer sees masked (a phone number, say) would confirm them: drop it.
    const wanted = crypto.searchTokens(query);
    for (const r of rows) {
      const v = viewed.get(r.id)!;
      if (v.masked && !hasAll(crypto.searchTokens(v.content ?? ''), wanted)) continue;
      out.push(v);
    }
    return out;
  }

  /** Calls `listener` with every message committed by this process, as its sender sees it. */
  function onCreated(listener: (message: MessageView) => void): void {
    createdListeners.push(listener);
  }

  return { send, findByClientId, list, after, byIds, latest, edit, remove, markRead, markDelivered, search, participantIds, postAsPlatform, onCreated };
}

function hasAll(tokens: string[], wanted: string[]): boolean {
  const set = new Set(tokens);
  return wanted.every((t) => set.has(t));
}

export type MessagesService = ReturnType<typeof createMessagesService>;

export function attachmentView(r: { id: string; file_name: string; mime_type: string; size_bytes: number }): AttachmentView {
  return {
    attachmentId: r.id,
    type: r.mime_type.startsWith('image/') ? 'image' : 'file',
    url: `/attachments/${r.id}`,
    fileName: r.file_name,
    mimeType: r.mime_type,
    size: Number(r.size_bytes),
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
