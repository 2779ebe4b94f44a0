import type { Db } from '../../db/connect.ts';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import { conflict, invalid, notFound } from '../../errors.ts';
import { type SuppressionEntry, addSuppressions } from './sql/addSuppressions.ts';
import { findSuppressedAddresses } from './sql/findSuppressedAddresses.ts';
import { listAddressSuppressions } from './sql/listAddressSuppressions.ts';
import { listSuppressionEventsPage } from './sql/listSuppressionEventsPage.ts';
import { listSuppressionsPage } from './sql/listSuppressionsPage.ts';
import { type RemovalFilter, removeSuppressions } from './sql/removeSuppressions.ts';

/** The channels whose addresses can be suppressed: email addresses, phone numbers, push device tokens. */
export const SUPPRESSION_CHANNELS = ['email', 'sms', 'push', 'whatsapp'] as const;
export type SuppressionChannel = (typeof SUPPRESSION_CHANNELS)[number];

/**
 * Why an address is suppressed: a hard bounce or a spam complaint (provider callbacks), STOP
 * (an inbound SMS), an operator's decision, a push token unused for too long or reported
 * unregistered by its push service.
 */
export const SUPPRESSION_REASONS = ['hard_bounce', 'complaint', 'stop', 'manual', 'stale_token', 'unregistered'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** Push suppressions a newer registration of the same token lifts (the app got the token again). */
export const TOKEN_REASONS: SuppressionReason[] = ['stale_token', 'unregistered'];

export interface Suppression {
  channel: string;
  address: string;
  reason: string;
  addedBy: string | null;
  note: string | null;
  deliveryId: string | null;
  reportedAt: string | null;
  createdAt: string;
}

export interface SuppressionEvent {
  eventId: string;
  channel: string;
  address: string;
  action: string;
  reason: string;
  actor: string;
  note: string | null;
  createdAt: string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The suppression list: owner of address_suppressions and of its audit trail,
 * suppression_events. One list for every channel: provider callbacks add hard bounces and
 * complaints, inbound SMS adds and lifts STOP, push services and the token pruning job add
 * dead tokens, operators add and remove addresses by hand. The dispatcher's gates skip
 * deliveries to a listed address. Every change writes an event in the same statement.
 */
export function createSuppressions(db: Db) {
  return {
    /** Which of these (channel, address) pairs are suppressed: their reason by suppressionKey(). */
    suppressed: (pairs: { channel: string; address: string }[]) => findSuppressedAddresses(db, pairs),

    /** Stops sending to an address that bounced for good or complained (kept as it is if it is listed already). */
    suppress: (input: { channel: 'email' | 'sms' | 'whatsapp'; address: string; reason: 'complaint' | 'hard_bounce'; logId: string; actor?: string }) =>
      addSuppressions(db, [{ ...input, actor: input.actor ?? 'delivery-tracking' }]),

    /** Adds entries; with `replace`, a listed address takes the new reason. Answers what changed. */
    add: (entries: SuppressionEntry[], replace = false) => addSuppressions(db, entries, replace),

    /** Removes an address (with the filter's conditions); answers what was removed. */
    remove: (filter: RemovalFilter) => removeSuppressions(db, filter),

    /** A push token was registered at `registeredAt`: suppressions of it reported before then no longer hold. */
    tokenRegistered: (token: string, registeredAt: Date) =>
      removeSuppressions(db, { channel: 'push', address: token, actor: 'device-registration', reasons: TOKEN_REASONS, reportedBefore: registeredAt, note: 'The app registered the token again.' }),

    /** The operator's page of the list, newest first. */
    async page(query: { channel?: string; reason?: string; cursor?: string; limit?: number }) {
      const limit = query.limit ?? 50;
      const after = query.cursor ? (decodeCursor(query.cursor, ['date', 'uuid']) as [Date, string]) : undefined;
      const rows = await listSuppressionsPage(db, { channel: query.channel, reason: query.reason, after, limit });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        suppressions: page.map(toSuppression),
        nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.created_at), last.suppression_id]) : null,
      };
    },

    /** The audit trail, newest first, optionally of one address. */
    async events(query: { channel?: string; address?: string; cursor?: string; limit?: number }) {
      const limit = query.limit ?? 50;
      const after = query.cursor ? (decodeCursor(query.cursor, ['date', 'uuid']) as [Date, string]) : undefined;
      const rows = await listSuppressionEventsPage(db, { channel: query.channel, address: query.address, after, limit });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        events: page.map(
          (r): SuppressionEvent => ({ eventId: r.event_id, channel: r.channel, address: r.address, action: r.action, reason: r.reason, actor: r.actor, note: r.note, createdAt: iso(r.created_at)! }),
        ),
        nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.created_at), last.event_id]) : null,
      };
    },

    /** The listed entries among these (channel, address) pairs. */
    find: (pairs: { channel: string; address: string }[]) => listAddressSuppressions(db, pairs),

    /** An operator lists an address by hand; 409 when it is listed already. */
    async addManually(input: { channel: SuppressionChannel; address: string; note?: string }, actor: string): Promise<Suppression> {
      const address = normaliseAddress(input.channel, input.address);
      const added = await addSuppressions(db, [{ channel: input.channel, address, reason: 'manual', actor, note: input.note ?? null }]);
      const [current] = await listAddressSuppressions(db, [{ channel: input.channel, address }]);
      if (!added.length) {
        throw conflict('already_suppressed', `${address} is already on the ${input.channel} suppression list (${current?.reason ?? 'listed'}).`, { reason: current?.reason });
      }
      return toSuppression(current!);
    },

    /**
     * An operator takes an address off the list. A STOP is the number owner's to lift (by
     * texting START): taking it off by hand would message someone who asked not to be.
     */
    async removeManually(channel: SuppressionChannel, rawAddress: string, actor: string, note?: string): Promise<void> {
      const address = normaliseAddress(channel, rawAddress);
      const [current] = await listAddressSuppressions(db, [{ channel, address }]);
      if (!current) throw notFound('suppression');
      if (current.reason === 'stop') {
        const how = channel === 'whatsapp' ? 'sending START on WhatsApp to the business number' : 'texting START (or UNSTOP, YES) to the sending number';
        throw conflict('stop_needs_start', `${address} ${channel === 'whatsapp' ? 'sent STOP on WhatsApp' : 'replied STOP'}; only its owner can lift that, by ${how}.`);
      }
      const removed = await removeSuppressions(db, { channel, address, actor, note: note ?? null, reasons: [current.reason] });
      if (!removed.length) throw notFound('suppression');
    },
  };
}

function toSuppression(r: { channel: string; address: string; reason: string; added_by: string | null; note: string | null; log_id: string | null; reported_at: Date | null; created_at: Date }): Suppression {
  return {
    channel: r.channel,
    address: r.address,
    reason: r.reason,
    addedBy: r.added_by,
    note: r.note,
    deliveryId: r.log_id,
    reportedAt: iso(r.reported_at),
    createdAt: iso(r.created_at)!,
  };
}

/** Addresses are compared as stored, as deliveries carry them: phone numbers in E.164. */
export function normaliseAddress(channel: SuppressionChannel, address: string): string {
  const trimmed = address.trim();
  if (channel === 'email') {
    if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) throw invalid('invalid_address', 'An email address looks like name@example.com.', { field: 'address' });
    return trimmed;
  }
  if (channel === 'sms' || channel === 'whatsapp') {
    if (!/^\+[1-9][0-9]{6,14}$/.test(trimmed)) throw invalid('invalid_address', 'A phone number is written in E.164, such as +14155550100.', { field: 'address' });
    return trimmed;
  }
  if (!trimmed) throw invalid('invalid_address', 'A device token is the token the app registered.', { field: 'address' });
  return trimmed;
}

export type Suppressions = ReturnType<typeof createSuppressions>;

/** The key of a (channel, address) pair in `suppressed`'s answer. */
export const suppressionKey = (channel: string, address: string | null | undefined) => `${channel}\n${address}`;
