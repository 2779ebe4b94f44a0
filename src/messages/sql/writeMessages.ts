import { type RawBuilder, sql } from 'kysely';
import { policySql } from '../../access/policy-sql.ts';
import type { Db } from '../../db/connect.ts';

/** One message to write, prepared (encrypted, tokenised) by the caller. */
export interface MessageToWrite {
  id: string;
  conversationId: string;
  senderId: string;
  type: string;
  ciphertext: Buffer | null;
  keyId: string | null;
  tokens: string[];
  payload: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
  clientMessageId: string | null;
  masking: unknown;
  automated: boolean;
  /** Write only if the sender takes part in the conversation (the folded message.send check). */
  checkParticipant: boolean;
  /** Seconds before an unread message reminds its recipients; 0: never. */
  reminderSeconds: number;
  /** Uploaded attachments the message carries (checked by the caller). */
  attachmentIds: string[];
}

export interface Recipient {
  userId: string;
  unreadCount: number;
  role: string;
}

/** What happened to one message: written (seq, created_at), repeated (existing), or refused (participant false). */
export interface WrittenMessage {
  participant: boolean;
  existing: string | null;
  seq: number | null;
  created_at: Date | null;
  /** Each recipient's unread count after the whole batch (the message's conversation only). */
  recipients: Recipient[] | null;
}

/**
 * A recipient's reminder after new messages: kept if one is pending, otherwise due in
 * `seconds`, unless reminders are off (0), the recipient is not a buyer or seller, or a
 * reminder already covered this unread streak (nothing read since).
 */
const reminderDue = (seconds: RawBuilder<number>) =>
  sql`CASE WHEN ${seconds} > 0 AND p.role IN ('buyer', 'seller') AND p.reminded_seq <= p.last_read_seq
           THEN coalesce(p.reminder_due_at, now() + make_interval(secs => ${seconds}))
           ELSE p.reminder_due_at END`;

/**
 * The one statement that writes messages, one or many: each takes its conversation's next
 * sequence number (consecutive, in the order given), is inserted, counts unread for the other
 * participants (scheduling their unread reminder) and links its attachments. A message is
 * skipped when its sender already stored its `clientMessageId` (`existing`), or, with
 * `checkParticipant`, when the sender does not take part in the conversation. Rows are locked
 * in key order, so that batches, here or on another node, and delivery marks cannot deadlock.
 * Answers one row per message, in order.
 */
export async function writeMessages(executor: Db, messages: MessageToWrite[]): Promise<WrittenMessage[]> {
  const attachments = messages.flatMap((m) => m.attachmentIds.map((attachmentId) => ({ messageId: m.id, attachmentId })));
  const participant = policySql.participant(sql.ref('i.conversation_id'), sql.ref('i.sender_id'));
  const result = await sql<WrittenMessage>`
    WITH input AS (
      SELECT * FROM unnest(
        ${messages.map((_, i) => i)}::int[], ${messages.map((m) => m.id)}::uuid[], ${messages.map((m) => m.conversationId)}::uuid[],
        ${messages.map((m) => m.senderId)}::text[], ${messages.map((m) => m.type)}::text[],
        ${messages.map((m) => m.ciphertext?.toString('hex') ?? null)}::text[], ${messages.map((m) => m.keyId)}::text[],
        ${messages.map((m) => m.tokens.join(' '))}::text[], ${messages.map((m) => (m.payload ? JSON.stringify(m.payload) : null))}::text[],
        ${messages.map((m) => JSON.stringify(m.metadata))}::text[], ${messages.map((m) => m.clientMessageId)}::text[],
        ${messages.map((m) => (m.masking ? JSON.stringify(m.masking) : null))}::text[], ${messages.map((m) => m.automated)}::boolean[],
        ${messages.map((m) => m.checkParticipant)}::boolean[], ${messages.map((m) => m.reminderSeconds)}::int[]
      ) AS i(ord, id, conversation_id, sender_id, message_type, ciphertext, key_id, tokens, payload, metadata, client_message_id, masking,
             is_automated, check_participant, reminder_seconds)
    ), checked AS MATERIALIZED (
      SELECT i.*,
             (NOT i.check_participant OR ${participant}) AS participant,
             (SELECT m.id FROM messages m
               WHERE m.conversation_id = i.conversation_id AND m.sender_id = i.sender_id AND m.client_message_id = i.client_message_id) AS existing
        FROM input i
    ), guard AS MATERIALIZED (
      -- One boolean for "write it": the planner takes half the rows of a filter on a boolean it
      -- has no statistics for, not one row, so the joins below stay hash joins in big batches
      -- (a nested loop over CTE scans grows with the square of the batch).
      SELECT c.*, (c.participant AND c.existing IS NULL) AS accept FROM checked c
    ), accepted AS MATERIALIZED (
      SELECT * FROM guard WHERE accept
    ), locked AS MATERIALIZED (
      SELECT c.id FROM conversations c WHERE c.id IN (SELECT conversation_id FROM accepted) ORDER BY c.id FOR UPDATE
    ), conv AS (
      -- Reading all of "locked" once, first, takes the row locks in key order before this updates.
      UPDATE conversations c
         SET last_message_seq = c.last_message_seq + n.count, last_message_at = now(), updated_at = now()
        FROM (SELECT conversation_id, count(*) AS count FROM accepted GROUP BY conversation_id) n
       WHERE c.id = n.conversation_id AND (SELECT count(*) FROM locked) > 0
   RETURNING c.id, c.last_message_seq - n.count AS base, c.last_message_at AS at
    ), numbered AS MATERIALIZED (
      SELECT a.*, conv.base + row_number() OVER (PARTITION BY a.conversation_id ORDER BY a.ord) AS seq, conv.at
        FROM accepted a JOIN conv ON conv.id = a.conversation_id
    ), msg AS (
      INSERT INTO messages (id, conversation_id, seq, sender_id, message_type, content_encrypted, key_id, search_tokens, payload, metadata,
                            client_message_id, created_at, is_automated, masking)
      SELECT id, conversation_id, seq, sender_id, message_type, decode(ciphertext, 'hex'), key_id, string_to_array(tokens, ' '),
             payload::jsonb, metadata::jsonb, client_message_id, at, is_automated, masking::jsonb
        FROM numbered
   RETURNING id, seq, created_at
    ), bumps AS MATERIALIZED (
      SELECT p.conversation_id, p.user_id, count(*) AS n, max(k.reminder_seconds) AS reminder_seconds
        FROM numbered k JOIN conversation_participants p ON p.conversation_id = k.conversation_id AND p.user_id <> k.sender_id
       GROUP BY p.conversation_id, p.user_id
    ), participants_locked AS MATERIALIZED (
      SELECT p.conversation_id, p.user_id FROM conversation_participants p
       WHERE (p.conversation_id, p.user_id) IN (SELECT conversation_id, user_id FROM bumps)
       ORDER BY p.conversation_id, p.user_id FOR UPDATE
    ), recipients AS (
      UPDATE conversation_participants p
         SET unread_count = p.unread_count + b.n, archived_at = NULL,
             reminder_due_at = ${reminderDue(sql`b.reminder_seconds`)}
        FROM bumps b
       WHERE p.conversation_id = b.conversation_id AND p.user_id = b.user_id AND EXISTS (SELECT 1 FROM msg)
         AND (SELECT count(*) FROM participants_locked) > 0
   RETURNING p.conversation_id, p.user_id, p.unread_count, p.role
    ), recipients_by_conversation AS (
      SELECT r.conversation_id, json_agg(json_build_object('userId', r.user_id, 'unreadCount', r.unread_count, 'role', r.role)) AS recipients
        FROM recipients r GROUP BY r.conversation_id
    ), attached AS (
      UPDATE message_attachments a SET message_id = x.message_id
        FROM unnest(${attachments.map((a) => a.messageId)}::uuid[], ${attachments.map((a) => a.attachmentId)}::uuid[]) AS x(message_id, attachment_id)
       WHERE a.id = x.attachment_id AND a.message_id IS NULL AND x.message_id IN (SELECT id FROM msg)
   RETURNING a.id
    )
    SELECT g.participant, g.existing, m.seq, m.created_at, r.recipients, (SELECT count(*) FROM attached) AS attached
      FROM guard g LEFT JOIN msg m ON m.id = g.id LEFT JOIN recipients_by_conversation r ON r.conversation_id = g.conversation_id AND g.accept
     ORDER BY g.ord`.execute(executor);
  return result.rows;
}
