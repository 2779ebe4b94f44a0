import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { UserRole } from '../auth/principal.ts';
import { findParticipant } from '../conversations/sql/findParticipant.ts';
import { isDatabaseUnavailable } from '../db/availability.ts';
import type { Db } from '../db/connect.ts';
import { ParleyError } from '../errors.ts';
import type { MessagesService } from '../messages/messages-service.ts';
import type { ReplyAddresses } from './reply-addresses.ts';
import { replyText } from './reply-text.ts';

/** An emailed reply, as the SMTP listener or a provider's webhook hands it over. */
export interface InboundMail {
  /** The envelope recipients (RCPT TO), or the To and Cc addresses when there is no envelope. */
  recipients: string[];
  /** The address of the From header. */
  from?: string;
  /** The Message-ID header: a reply delivered twice is posted once. */
  messageId?: string;
  text?: string;
  /** Auto-Submitted (other than "no"), an auto-reply or bulk Precedence, or a bounce (empty MAIL FROM). */
  automatic: boolean;
}

/** Why a reply is not posted; `temporary`: the sender should try again later. */
export interface Refusal {
  code: string;
  message: string;
  temporary?: boolean;
  /** The SMTP reply (code and enhanced status) the listener answers with. */
  smtp: [number, string];
}

export type InboundOutcome = { ok: true; conversationId: string; messageId: string; created: boolean } | ({ ok: false } & Refusal);

/** The refusals, by code: the SMTP listener and the webhooks answer with them. */
export const REFUSALS = {
  no_reply_address: [550, '5.1.1', 'The mail is not addressed to a reply address of this Parley; reply to the email you received.'],
  invalid_reply_address: [550, '5.1.1', 'The reply address is not one this Parley gave out (it was changed or made up); reply to the email you received.'],
  unknown_reply_address: [550, '5.1.1', 'The reply address does not exist any more; open the conversation in the app to answer.'],
  reply_address_expired: [550, '5.1.1', 'The reply address has expired; open the conversation in the app to answer.'],
  not_a_participant: [550, '5.7.1', 'The person this reply address belongs to no longer takes part in the conversation; open the app to see it.'],
  sender_mismatch: [550, '5.7.1', 'The reply was not sent from the email address of the person this reply address belongs to; reply from that address.'],
  automatic_reply: [550, '5.7.1', 'Automatic replies (out-of-office, bounces, lists) are not posted as messages.'],
  empty_reply: [550, '5.6.0', 'The reply has no text above the quoted message; write your answer at the top and send it again.'],
  reply_too_long: [552, '5.3.4', 'The reply is longer than a message may be (10000 characters); shorten it or answer in the app.'],
  malformed_mail: [550, '5.6.0', 'The mail could not be read as an email message; send it again from a mail program.'],
  mail_too_large: [552, '5.3.4', 'The mail is larger than this Parley takes (PARLEY_REPLY_MAX_BYTES); leave out attachments and send it again.'],
  rate_limited: [451, '4.7.1', 'Too many messages from this person just now; the reply will be taken when sent again in a minute.'],
  unavailable: [451, '4.3.0', 'The reply could not be stored just now; try again later.'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type RefusalCode = keyof typeof REFUSALS;

export function refusal(code: RefusalCode): { ok: false } & Refusal {
  const [reply, enhanced, message] = REFUSALS[code];
  return { ok: false, code, message, smtp: [reply, enhanced], ...(reply < 500 && { temporary: true }) };
}

/** The email address inside "Name <address>" (or the bare address), lower-cased. */
export function addressOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const inner = /<([^<>]*)>\s*$/.exec(value)?.[1] ?? value;
  const address = inner.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : undefined;
}

/**
 * Takes emailed replies into their conversations: the first recipient that is a reply address
 * names the conversation and participant; the From address must be that participant's email
 * (from their contact); quoted history and the signature are cut (reply-text.ts); what is left
 * is sent through the messages owner as that participant, so masking, the rate limit, receipts,
 * unread counts and realtime apply as for any message. The message's metadata says `via: "email"`.
 */
export function createInboundMail({ db, addresses, emailOf, messages, log }: {
  db: Db;
  addresses: ReplyAddresses;
  /** A user's email address, from their contact (marketplace contacts). */
  emailOf: (userId: string) => Promise<string | undefined>;
  messages: MessagesService;
  log: Logger;
}) {
  /** The first refusal a recipient earns before anything is read from the database (SMTP RCPT). */
  function checkRecipient(address: string): RefusalCode | undefined {
    const checked = addresses.check(address);
    if (checked.ok) return undefined;
    return checked.reason === 'forged' ? 'invalid_reply_address' : 'no_reply_address';
  }

  async function receive(mail: InboundMail, via: string): Promise<InboundOutcome> {
    try {
      const outcome = await take(mail);
      if (outcome.ok) log.info({ via, conversationId: outcome.conversationId, messageId: outcome.messageId, created: outcome.created }, 'emailed reply posted');
      else log.info({ via, code: outcome.code }, 'emailed reply refused');
      return outcome;
    } catch (error) {
      if (isDatabaseUnavailable(error)) return refusal('unavailable');
      throw error;
    }
  }

  async function take(mail: InboundMail): Promise<InboundOutcome> {
    const candidates = mail.recipients.filter((r) => {
      const checked = addresses.check(r);
      return checked.ok || checked.reason !== 'not_a_reply_address';
    });
    if (candidates.length === 0) return refusal('no_reply_address');
    const reading = await addresses.read(candidates[0]!);
    if (!reading.ok) {
      const code = ({ forged: 'invalid_reply_address', unknown: 'unknown_reply_address', expired: 'reply_address_expired', not_a_reply_address: 'no_reply_address' } as const)[reading.reason];
      return refusal(code);
    }
    const participant = await findParticipant(db, reading.conversationId, reading.userId);
    if (!participant || participant.role === 'system') return refusal('not_a_participant');
    const expected = (await emailOf(reading.userId))?.toLowerCase();
    if (!expected || addressOf(mail.from) !== expected) return refusal('sender_mismatch');
    if (mail.automatic) return refusal('automatic_reply');
    const content = replyText(mail.text ?? '');
    if (content === '') return refusal('empty_reply');
    if (content.length > 10_000) return refusal('reply_too_long');

    const principal = { userId: reading.userId, role: participant.role as UserRole, viaApiKey: false };
    const clientMessageId = mail.messageId ? `email:${createHash('sha256').update(mail.messageId.trim()).digest('hex').slice(0, 40)}` : undefined;
    try {
      const sent = await messages.send(principal, reading.conversationId, { content, metadata: { via: 'email' }, ...(clientMessageId && { clientMessageId }) });
      await addresses.used(reading.key);
      return { ok: true, conversationId: reading.conversationId, messageId: sent.message.messageId, created: sent.created };
    } catch (error) {
      if (error instanceof ParleyError && error.kind === 'rate_limited') return refusal('rate_limited');
      if (error instanceof ParleyError && error.kind === 'not_found') return refusal('not_a_participant');
      throw error;
    }
  }

  return { receive, checkRecipient };
}

export type InboundMailDesk = ReturnType<typeof createInboundMail>;
