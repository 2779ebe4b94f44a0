import { randomBytes } from 'node:crypto';
import type { LinkSigner } from '../crypto/signed-links.ts';
import type { Db } from '../db/connect.ts';
import { findReplyAddress } from './sql/findReplyAddress.ts';
import { markReplyAddressUsed } from './sql/markReplyAddressUsed.ts';
import { saveReplyAddress } from './sql/saveReplyAddress.ts';

/** The local part's prefix: reply+<key><mac>. */
const PREFIX = 'reply+';
/** 10 random bytes (80 bits) as 20 hex digits. */
const KEY_HEX = 20;
/** 12 bytes of MAC (96 bits) as 24 hex digits: with the prefix, 50 characters (RFC 5321 allows 64). */
const MAC_HEX = 24;

/** What a reply address stands for, or why it stands for nothing. */
export type AddressReading =
  | { ok: true; key: string; conversationId: string; userId: string }
  | { ok: false; reason: 'not_a_reply_address' | 'forged' | 'unknown' | 'expired' };

/**
 * Per-recipient reply-to addresses: reply+<key><mac>@PARLEY_REPLY_DOMAIN. The key is random and
 * stored with the conversation and participant it stands for (email_reply_addresses); the MAC,
 * made by the LinkSigner for the purpose 'reply', lets a forged or altered address be refused
 * before any lookup. Hex, so an address survives mail systems that change its case. Any email
 * Parley sends about a conversation (unread reminders, digests) asks `addressFor`.
 */
export function createReplyAddresses({ db, links, domain, addressDays }: { db: Db; links: LinkSigner; domain: string; addressDays: number }) {
  /** The reply-to address of a participant; it keeps working for addressDays after this call. */
  async function addressFor(conversationId: string, userId: string): Promise<string> {
    const expiresAt = new Date(Date.now() + addressDays * 86_400_000);
    const key = await saveReplyAddress(db, conversationId, userId, randomBytes(KEY_HEX / 2).toString('hex'), expiresAt);
    return `${PREFIX}${key}${links.shortMac('reply', key)}@${domain}`;
  }

  /** Whether an address is at the reply domain and carries a well-signed key; no database read. */
  function check(address: string): { ok: true; key: string } | { ok: false; reason: 'not_a_reply_address' | 'forged' } {
    const at = address.lastIndexOf('@');
    if (at < 0 || address.slice(at + 1).toLowerCase() !== domain) return { ok: false, reason: 'not_a_reply_address' };
    const local = address.slice(0, at).toLowerCase();
    if (!local.startsWith(PREFIX)) return { ok: false, reason: 'not_a_reply_address' };
    const token = local.slice(PREFIX.length);
    if (!/^[0-9a-f]+$/.test(token) || token.length !== KEY_HEX + MAC_HEX) return { ok: false, reason: 'forged' };
    const key = token.slice(0, KEY_HEX);
    return links.verifyShortMac('reply', key, token.slice(KEY_HEX)) ? { ok: true, key } : { ok: false, reason: 'forged' };
  }

  /** The conversation and participant of an address, once its signature, its row and its expiry check out. */
  async function read(address: string): Promise<AddressReading> {
    const checked = check(address);
    if (!checked.ok) return checked;
    const row = await findReplyAddress(db, checked.key);
    if (!row) return { ok: false, reason: 'unknown' };
    if (new Date(row.expires_at).getTime() < Date.now()) return { ok: false, reason: 'expired' };
    return { ok: true, key: checked.key, conversationId: row.conversation_id, userId: row.user_id };
  }

  return { addressFor, check, read, used: (key: string) => markReplyAddressUsed(db, key), domain };
}

export type ReplyAddresses = ReturnType<typeof createReplyAddresses>;
