import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { type AccessPolicy, type Permission, roleMayHold } from '../../access/policy.ts';
import type { Principal } from '../../auth/principal.ts';
import { addModeratorParticipant } from '../../conversations/sql/addModeratorParticipant.ts';
import { findConversationSummary } from '../../conversations/sql/findConversationSummary.ts';
import type { Db } from '../../db/connect.ts';
import type { EventSink } from '../../events/event-sink.ts';
import type { DisputesTable } from '../../db/schema.ts';
import { conflict, forbidden, invalid, notFound } from '../../errors.ts';
import { isUniqueViolation, type MessagesService } from '../../messages/messages-service.ts';
import type { FanOut } from '../../realtime/fanout.ts';
import { decodeCursor, encodeCursor } from '../../cursor.ts';
import { partiesOf } from '../conversation-parties.ts';
import { endOrderDispute } from '../orders/sql/endOrderDispute.ts';
import { markOrderDisputed } from '../orders/sql/markOrderDisputed.ts';
import { type Notice, type Notifier } from '../marketplace-notifier.ts';
import type { MarketplaceSettings } from '../marketplace-settings.ts';
import { LocalValue } from '../notice-texts.ts';
import { translate, type Locale } from '../../i18n/i18n.ts';
import type { OrderRatings } from '../ratings/order-ratings.ts';
import { assignDisputeModerator } from './sql/assignDisputeModerator.ts';
import { claimOverdueDispute } from './sql/claimOverdueDispute.ts';
import { countUnresolvedByModerator } from './sql/countUnresolvedByModerator.ts';
import { findDispute } from './sql/findDispute.ts';
import { findUnresolvedDispute } from './sql/findUnresolvedDispute.ts';
import { insertDispute } from './sql/insertDispute.ts';
import { listConversationDisputes } from './sql/listConversationDisputes.ts';
import { listDisputeQueuePage } from './sql/listDisputeQueuePage.ts';
import { listOverdueDisputes } from './sql/listOverdueDisputes.ts';
import { markDisputeQueued } from './sql/markDisputeQueued.ts';
import { setDisputeStatus } from './sql/setDisputeStatus.ts';
import { settleDisputeByRefund } from './sql/settleDisputeByRefund.ts';

export const DISPUTE_STATUSES = ['open', 'awaiting_seller', 'awaiting_buyer', 'under_review', 'resolved_refund', 'resolved_no_refund', 'closed'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
const ACTIVE: readonly DisputeStatus[] = ['open', 'awaiting_seller', 'awaiting_buyer', 'under_review'];
const RESOLVED: readonly DisputeStatus[] = ['resolved_refund', 'resolved_no_refund'];

/** Whether a dispute may go from one status to another: any step while it is unresolved, then closed. */
export function canMove(from: DisputeStatus, to: DisputeStatus): boolean {
  if (from === to) return false;
  if (ACTIVE.includes(from)) return true;
  return RESOLVED.includes(from) && to === 'closed';
}

export interface HistoryEntry {
  at: string;
  by: string;
  status: DisputeStatus;
  note?: string;
  queued?: boolean;
  /** What a moderator did besides changing the status (evidence_exported). */
  action?: string;
}

type DisputeRow = Selectable<DisputesTable>;

export interface DisputeView {
  disputeId: string;
  conversationId: string;
  orderId: string | null;
  status: DisputeStatus;
  reason: string;
  openedBy: string;
  moderatorId: string | null;
  openedAt: string;
  /** When it went to the moderation queue, unresolved after the configured time. */
  queuedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** From opening to resolution (or closing without one); null while unresolved. */
  resolutionSeconds: number | null;
  resolutionNote: string | null;
  history: HistoryEntry[];
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function disputeView(row: DisputeRow): DisputeView {
  const ended = row.resolved_at ?? row.closed_at;
  return {
    disputeId: row.id,
    conversationId: row.conversation_id,
    orderId: row.order_id,
    status: row.status as DisputeStatus,
    reason: row.reason,
    openedBy: row.opened_by,
    moderatorId: row.moderator_id,
    openedAt: iso(row.opened_at)!,
    queuedAt: iso(row.queued_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    resolutionSeconds: ended ? Math.round((new Date(ended).getTime() - new Date(row.opened_at).getTime()) / 1000) : null,
    resolutionNote: row.resolution_note,
    history: (row.history as HistoryEntry[]) ?? [],
  };
}

const statusWords: Record<DisputeStatus, string> = {
  open: 'is open',
  awaiting_seller: 'is waiting for the seller',
  awaiting_buyer: 'is waiting for the buyer',
  under_review: 'is under review by a moderator',
  resolved_refund: 'was resolved with a refund',
  resolved_no_refund: 'was resolved without a refund',
  closed: 'was closed',
};

/**
 * Disputes: a conversation escalated to the marketplace's moderators. One unresolved dispute
 * per conversation; a moderator joins it as a participant; every status change is a system
 * message and a notice; one unresolved past the configured hours goes to the moderation queue.
 */
export function createDisputes({
  db,
  access,
  messages,
  notifier,
  fanOut,
  settings,
  events,
  ratings,
  systemLocale = 'en',
}: {
  db: Db;
  access: AccessPolicy;
  messages: MessagesService;
  notifier: Notifier;
  fanOut: FanOut;
  settings: MarketplaceSettings;
  /** dispute.* events for the event webhooks, recorded in the change's transaction. */
  events: EventSink;
  ratings: OrderRatings;
  /** The language of the system messages posted into the conversation (stored once, for everyone). */
  systemLocale?: Locale;
}) {
  const system = (key: string, values?: Record<string, unknown>) => translate(systemLocale, `system:dispute.${key}`, values);
  const asBackend = (principal: Principal) => roleMayHold(principal, 'marketplace.backend');
  /** The configured moderator with the fewest unresolved disputes, or null when none is configured. */
  async function pickModerator(): Promise<string | null> {
    if (settings.moderators.length === 0) return null;
    const rows = await countUnresolvedByModerator(db, settings.moderators);
    const load = new Map(rows.map((r) => [r.moderator_id, r.n]));
    return [...settings.moderators].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0))[0]!;
  }

  /**
   * Opens a dispute inside the caller's transaction: the row, the moderator as a participant,
   * the order marked disputed (when it can be), its review request withdrawn. The caller posts
   * the conversation's message. `publish` tells sockets after commit.
   */
  async function openWithin(
    trx: Db,
    d: { disputeId: string; conversationId: string; orderId: string | null; openedBy: string; reason: string; moderatorId: string | null },
  ): Promise<{ dispute: DisputeView; publish: () => void }> {
    const history: HistoryEntry[] = [{ at: new Date().toISOString(), by: d.openedBy, status: 'open', note: d.reason }];
    let row: DisputeRow;
    try {
      row = await insertDispute(trx, { ...d, history });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('dispute_already_open', 'This conversation has an unresolved dispute already; follow it up there.');
      throw error;
    }
    const added = d.moderatorId ? await addModeratorParticipant(trx, d.conversationId, d.moderatorId) : false;
    if (d.orderId) {
      const order = await markOrderDisputed(trx, d.orderId);
      if (order?.reviewRequestId) await notifier.cancelScheduled(trx, order.reviewRequestId, `Cancelled: order ${d.orderId} is disputed.`);
    }
    const everyone = await partiesOf(trx, d.conversationId);
    await events.record(trx, [{ type: 'dispute.opened', sellerId: everyone.sellerId, data: { dispute: disputeView(row) } }]);
    const parties = added ? everyone : undefined;
    return {
      dispute: disputeView(row),
      publish: () => {
        if (parties) {
          fanOut.publish({
            userIds: parties.everyone.map((p) => p.userId),
            payload: { type: 'participant.added', conversationId: d.conversationId, participant: { userId: d.moderatorId, role: 'moderator' } },
          });
        }
      },
    };
  }

  /** A refund settles the conversation's unresolved dispute, if it has one. */
  async function settleByRefund(trx: Db, conversationId: string): Promise<void> {
    const entry: HistoryEntry = { at: new Date().toISOString(), by: 'system', status: 'resolved_refund', note: 'The order was refunded.' };
    const settled = await settleDisputeByRefund(trx, conversationId, entry);
    if (settled.length === 0) return;
    const { sellerId } = await partiesOf(trx, conversationId);
    await events.record(
      trx,
      settled.flatMap((row) => {
        const change = { dispute: disputeView(row), from: null, to: 'resolved_refund', by: 'system', note: 'The order was refunded.' };
        return [
          { type: 'dispute.status_changed' as const, sellerId, data: change },
          { type: 'dispute.resolved' as const, sellerId, data: change },
        ];
      }),
    );
  }

  /** `POST .../conversations/:id/escalate`: a buyer or seller (or the backend) takes the conversation to the moderators. */
  async function escalate(principal: Principal, conversationId: string, input: { reason: string; moderatorId?: string }): Promise<{ dispute: DisputeView; messageId: string }> {
    const grant = await access.requireAccess(principal, 'dispute.open', { conversationId });
    const role = grant.participant?.role;
    if (input.moderatorId && !asBackend(principal)) throw forbidden('operator_only', 'Only the marketplace may choose the moderator; leave "moderatorId" out.');
    const conversation = (await findConversationSummary(db, conversationId))!;
    const active = await findUnresolvedDispute(db, conversationId, ACTIVE);
    if (active) throw conflict('dispute_already_open', 'This conversation has an unresolved dispute already; follow it up there.', { disputeId: active.id });

    const disputeId = randomUUID();
    const moderatorId = input.moderatorId ?? (await pickModerator());
    const openedBy = grant.participant ? principal.userId : 'system';
    const parties = await partiesOf(db, conversationId);
    const told = [...parties.everyone.map((p) => p.userId), ...(moderatorId ? [moderatorId] : [])].filter((u, i, all) => u !== openedBy && all.indexOf(u) === i);
    const notices: Notice[] = told.map((userId) => ({
      userId,
      key: `dispute:${disputeId}:opened:${userId}`,
      text: {
        template: 'dispute.opened',
        title: 'dispute.opened.title',
        body: conversation.order_id ? 'dispute.opened.bodyOrder' : 'dispute.opened.body',
        values: { orderId: conversation.order_id, reason: input.reason },
      },
      action: { type: 'viewOrder' },
      about: { conversationId },
    }));
    const prepared = await notifier.prepare(notices);
    const outcome = await db.transaction().execute(async (trx) => {
      const opened = await openWithin(trx, { disputeId, conversationId, orderId: conversation.order_id, openedBy, reason: input.reason, moderatorId });
      const posted = await messages.postAsPlatform(trx, conversationId, {
        messageType: 'dispute_escalation',
        content: system(`openedBy.${role === 'buyer' || role === 'seller' ? role : 'marketplace'}`, { reason: input.reason }),
        payload: { reason: input.reason, disputeId, ...(conversation.order_id ? { orderId: conversation.order_id } : {}) },
      });
      await prepared.write(trx);
      return { opened, posted };
    });
    outcome.opened.publish();
    outcome.posted.publish();
    prepared.committed();
    return { dispute: outcome.opened.dispute, messageId: outcome.posted.message.messageId };
  }

  /** A dispute, for whoever the permission grants it to (a stranger gets 404), with the caller's role in its conversation. */
  async function load(principal: Principal, disputeId: string, permission: Permission = 'dispute.read'): Promise<{ row: DisputeRow; role: string | null }> {
    const grant = await access.requireAccess(principal, permission, { disputeId });
    const row = await findDispute(db, disputeId);
    if (!row) throw notFound('dispute');
    return { row, role: grant.participant?.role ?? null };
  }

  async function get(principal: Principal, disputeId: string): Promise<DisputeView> {
    return disputeView((await load(principal, disputeId)).row);
  }

  /** The disputes of a conversation, newest first. */
  async function ofConversation(principal: Principal, conversationId: string): Promise<DisputeView[]> {
    await access.requireAccess(principal, 'conversation.read', { conversationId });
    const rows = await listConversationDisputes(db, conversationId);
    return rows.map(disputeView);
  }

  /**
   * Moves a dispute along its lifecycle. Its moderator (a participant), any moderator, or an
   * operator may set any allowed status; the buyer or seller who opened it may only close it
   * (withdraw) while it is unresolved.
   */
  async function changeStatus(principal: Principal, disputeId: string, input: { status: DisputeStatus; note?: string }): Promise<DisputeView> {
    const { row, role } = await load(principal, disputeId);
    const from = row.status as DisputeStatus;
    const withdrawing = principal.userId === row.opened_by && input.status === 'closed' && ACTIVE.includes(from);
    // The party who opened it may withdraw it; any other change is the moderator's.
    if (!withdrawing) await access.requireAccess(principal, 'dispute.moderate', { disputeId });
    if (!canMove(from, input.status)) {
      throw conflict('invalid_dispute_transition', from === 'closed' ? 'This dispute is closed; open a new one if needed.' : `A dispute that ${statusWords[from]} cannot become ${input.status}.`, { from, to: input.status });
    }
    const parties = await partiesOf(db, row.conversation_id);
    const step = ((row.history as HistoryEntry[]) ?? []).length;
    const notices: Notice[] = parties.everyone
      .filter((p) => p.userId !== principal.userId && p.role !== 'moderator')
      .map((p) => ({
        userId: p.userId,
        key: `dispute:${disputeId}:${step}:${p.userId}`,
        text: {
          template: `dispute.changed.${input.status}`,
          title: input.status.startsWith('resolved') || input.status === 'closed' ? 'dispute.changed.titleUpdate' : 'dispute.changed.titleProgress',
          body: input.note ? 'dispute.changed.withNote' : `dispute.changed.status.${input.status}`,
          values: { status: new LocalValue(`dispute.changed.status.${input.status}`), note: input.note ?? null },
        },
        action: { type: 'viewOrder' },
        about: { conversationId: row.conversation_id },
      }));
    const prepared = await notifier.prepare(notices);
    // A resolved dispute over an order asks its buyer to rate the seller (once per order).
    const ask = RESOLVED.includes(input.status) && row.order_id ? await ratings.prepareAsk(row.order_id, 'dispute_resolved') : null;
    const entry: HistoryEntry = { at: new Date().toISOString(), by: principal.userId, status: input.status, ...(input.note ? { note: input.note } : {}) };
    const outcome = await db.transaction().execute(async (trx) => {
      const resolving = RESOLVED.includes(input.status) || input.status === 'closed';
      const updated = await setDisputeStatus(trx, disputeId, { from, status: input.status, resolved: RESOLVED.includes(input.status), closed: input.status === 'closed', note: input.note ?? null, entry });
      if (!updated) throw conflict('dispute_changed', 'The dispute changed meanwhile; read it again and retry.');
      const change = { dispute: disputeView(updated), from, to: input.status, by: principal.userId, note: input.note ?? null };
      await events.record(trx, [
        { type: 'dispute.status_changed', sellerId: parties.sellerId, data: change },
        ...(RESOLVED.includes(input.status) ? [{ type: 'dispute.resolved' as const, sellerId: parties.sellerId, data: change }] : []),
      ]);
      if (resolving && row.order_id) await endOrderDispute(trx, row.order_id);
      const posted = await messages.postAsPlatform(trx, row.conversation_id, {
        messageType: 'dispute_update',
        content: `${system(`status.${input.status}`)}${input.note ? ` ${input.note}` : ''}`,
        payload: { disputeId, status: input.status, ...(input.note ? { note: input.note } : {}) },
      });
      await prepared.write(trx);
      const asked = ask ? await ask.write(trx) : undefined;
      return { updated, posted, asked };
    });
    outcome.posted.publish();
    prepared.committed();
    outcome.asked?.();
    return disputeView(outcome.updated);
  }

  /** A moderator takes a dispute (joins its conversation); an operator assigns it to a named moderator. */
  async function assign(principal: Principal, disputeId: string, input: { moderatorId?: string }): Promise<DisputeView> {
    const { row } = await load(principal, disputeId, 'dispute.assign');
    const moderatorId = input.moderatorId ?? (principal.role === 'moderator' ? principal.userId : undefined);
    if (!moderatorId) throw invalid('moderator_id_required', 'Name the moderator in "moderatorId".');
    if (input.moderatorId && input.moderatorId !== principal.userId && !asBackend(principal)) {
      throw forbidden('operator_only', 'Moderators take disputes for themselves; only an operator assigns one to someone else.');
    }
    if (!ACTIVE.includes(row.status as DisputeStatus)) throw conflict('dispute_resolved', 'This dispute is resolved; there is nothing to take on.');
    const entry: HistoryEntry = { at: new Date().toISOString(), by: principal.userId, status: row.status as DisputeStatus, note: `Assigned to ${moderatorId}.` };
    const { updated, added } = await db.transaction().execute(async (trx) => {
      const updated = await assignDisputeModerator(trx, disputeId, moderatorId, entry);
      const added = await addModeratorParticipant(trx, row.conversation_id, moderatorId);
      const parties = await partiesOf(trx, row.conversation_id);
      await events.record(trx, [{ type: 'dispute.assigned', sellerId: parties.sellerId, data: { dispute: disputeView(updated), moderatorId, by: principal.userId } }]);
      return { updated, added };
    });
    if (added) {
      const parties = await partiesOf(db, row.conversation_id);
      fanOut.publish({ userIds: parties.everyone.map((p) => p.userId), payload: { type: 'participant.added', conversationId: row.conversation_id, participant: { userId: moderatorId, role: 'moderator' } } });
    }
    return disputeView(updated);
  }

  /** The moderation queue: disputes by status and age, oldest first; `queued` keeps those past the configured hours. */
  async function list(principal: Principal, query: { status?: DisputeStatus; queued?: boolean; unresolved?: boolean; cursor?: string; limit?: number }) {
    await access.requireAccess(principal, 'dispute.queue');
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const after = query.cursor ? (decodeCursor(query.cursor, ['date', 'uuid']) as [Date, string]) : undefined;
    const rows = await listDisputeQueuePage(db, { status: query.status, unresolved: query.unresolved ? ACTIVE : undefined, queued: query.queued, after, limit });
    const page = rows.slice(0, limit);
    const now = Date.now();
    const last = page.at(-1);
    return {
      disputes: page.map((r) => ({ ...disputeView(r as DisputeRow), conversationType: r.conversation_type, ageSeconds: Math.round((now - new Date(r.opened_at).getTime()) / 1000) })),
      nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.opened_at), last.id]) : null,
    };
  }

  /** The job: disputes unresolved past the configured hours go to the moderation queue, once each. */
  async function queueOverdue(): Promise<number> {
    const due = await listOverdueDisputes(db, ACTIVE, new Date(Date.now() - settings.disputeQueueHours * 3_600_000));
    let queued = 0;
    for (const d of due) {
      const moderators = d.moderator_id ? [d.moderator_id] : settings.moderators;
      const prepared = await notifier.prepare(
        moderators.map((userId) => ({
          userId,
          key: `dispute:${d.id}:queued:${userId}`,
          text: {
            template: 'dispute.queued',
            title: 'dispute.queued.title',
            body: d.order_id ? 'dispute.queued.bodyOrder' : 'dispute.queued.body',
            values: { orderId: d.order_id, hours: settings.disputeQueueHours },
          },
          notificationType: 'systemAlert',
          action: { type: 'custom' as const },
          about: { conversationId: d.conversation_id },
        })),
      );
      const posted = await db.transaction().execute(async (trx) => {
        const current = (await claimOverdueDispute(trx, d.id)) as { status: DisputeStatus; history: HistoryEntry[] } | undefined;
        if (!current) return undefined;
        const entry: HistoryEntry = { at: new Date().toISOString(), by: 'system', status: current.status, queued: true, note: `Unresolved after ${settings.disputeQueueHours} hours: sent to the moderation queue.` };
        await markDisputeQueued(trx, d.id, entry);
        const message = await messages.postAsPlatform(trx, d.conversation_id, {
          messageType: 'dispute_update',
          content: system('queued'),
          payload: { disputeId: d.id, status: current.status, queued: true },
        });
        await prepared.write(trx);
        return message;
      });
      if (!posted) continue;
      posted.publish();
      prepared.committed();
      queued++;
    }
    return queued;
  }

  return { pickModerator, openWithin, settleByRefund, escalate, get, ofConversation, changeStatus, assign, list, queueOverdue };
}

export type Disputes = ReturnType<typeof createDisputes>;
