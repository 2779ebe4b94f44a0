import { createHash } from 'node:crypto';
import type { AccessPolicy } from '../access/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { Db } from '../db/connect.ts';
import { ParleyError, conflict, notFound } from '../errors.ts';
import { validateSplits } from '../experiments/index.ts';
import { canonical } from '../notifications/accept.ts';
import { v7 as uuidv7 } from '../uuid.ts';
import type { AudienceSource } from './campaign-audience.ts';
import { parseCampaignContent } from './campaign-content.ts';
import { HOLDBACK, quotaKinds } from './campaign-expansion.ts';
import type { CampaignPorts, QuotaReservation } from './campaign-ports.ts';
import { firstRunAt } from './campaign-schedule.ts';
import type { CampaignBody } from './campaign-schemas.ts';
import { campaignView } from './campaign-view.ts';
import type { CampaignRow } from './sql/campaignRow.ts';
import { findCampaign } from './sql/findCampaign.ts';
import { findCampaignByKey } from './sql/findCampaignByKey.ts';
import { insertCampaign } from './sql/insertCampaign.ts';
import { listAcceptedRequests } from './sql/listAcceptedRequests.ts';
import { listHeldUserIds } from './sql/listHeldUserIds.ts';
import { markRecipientsCancelled } from './sql/markRecipientsCancelled.ts';
import { listCampaignsPage } from './sql/listCampaignsPage.ts';
import { updateCampaign } from './sql/updateCampaign.ts';

const unprocessable = (code: string, message: string, details?: Record<string, unknown>) => new ParleyError('unprocessable', code, message, details);

/** Checks what the schema cannot: the split, the pace, the schedule, the templates. Nothing is read or written. */
export function checkDefinition(body: CampaignBody, now: Date): Date {
  if (body.pacePerMinute !== undefined && body.pacePerMinute <= 0) {
    throw unprocessable('invalid_pace', 'pacePerMinute must be above 0 (messages per minute); leave it out to send as fast as the workers can.', { field: 'pacePerMinute' });
  }
  if (body.variants) {
    const problem = validateSplits(body.variants);
    if (problem) throw unprocessable(problem.code, problem.message, problem.details);
  }
  if (body.sendTimeOptimisation && body.pacePerMinute !== undefined) {
    throw unprocessable('pace_with_send_time', "Send-time optimisation sends at each recipient's best hour; leave out pacePerMinute, or sendTimeOptimisation.", { field: 'pacePerMinute' });
  }
  const startAt = firstRunAt(body.schedule, now);
  parseCampaignContent(body);
  return startAt;
}

class DryRunDone extends Error {
  constructor(readonly reservation: QuotaReservation) {
    super('dry run');
  }
}

/**
 * Campaigns as the API steers them: create (idempotent, reserving quota in the same
 * transaction), dry run, list, pause, resume, cancel, declare a winner. The expansion
 * (campaign-expansion.ts) does the sending.
 */
export function createCampaignDesk({ db, access, source, ports, cancelScheduled }: {
  db: Db;
  access: AccessPolicy;
  source: AudienceSource;
  ports: Pick<CampaignPorts, 'quotas' | 'caps' | 'planner'> & { quietUsers: (userIds: string[], at: Date) => Promise<Set<string>> };
  /** The acceptor's withdrawal of requests not yet sent, in the caller's transaction; answers those withdrawn. */
  cancelScheduled: (trx: Db, requestIds: string[], reason: string) => Promise<string[]>;
}) {
  /** The campaign, if the caller may steer it; another vendor's is as unknown as a missing one (404). */
  async function mine(principal: Principal, campaignId: string, trx: Db = db, lock = false): Promise<CampaignRow> {
    if (!/^[0-9a-f-]{36}$/i.test(campaignId)) throw notFound('campaign');
    const c = await findCampaign(trx, campaignId, { lock });
    if (!c || !(await access.hasAccess(principal, 'campaign.manage', { sellerId: c.vendor_id }))) throw notFound('campaign');
    return c;
  }

  async function measureForCreate(body: CampaignBody) {
    const channels = body.channels.map((c) => c.channel);
    const size = await source.measure(body.vendorId, body.audience, channels);
    if (size.customers === 0) throw unprocessable('empty_audience', 'The audience has no customers of this vendor; widen the segment or name customers.', { field: 'audience' });
    if (size.reachable === 0) {
      throw unprocessable('empty_audience', `None of the ${size.customers} customers in the audience opts in to ${channels.join(' or ')} from this vendor; nobody would receive the campaign.`, { field: 'audience' });
    }
    return size;
  }

  function quotaRefusal(r: QuotaReservation, needed: number, kinds: string[]) {
    const short = kinds.filter((k) => r.remaining[k as keyof typeof r.remaining] !== null && r.remaining[k as keyof typeof r.remaining]! < needed);
    const kind = (short[0] ?? kinds[0]) as keyof typeof r.remaining;
    return unprocessable(
      'quota_exceeded',
      `The campaign needs ${needed} ${kind} sends but the ${r.tier} tier has ${r.remaining[kind]} of ${r.limits[kind]} left for ${r.month}; narrow the audience, ask for upToQuota to send to as many as fit, or move to a higher tier.`,
      { needed, remaining: r.remaining[kind], limit: r.limits[kind], tier: r.tier, kind, month: r.month },
    );
  }

  return {
    async create(principal: Principal, body: CampaignBody): Promise<{ campaign: ReturnType<typeof campaignView>; replayed: boolean }> {
      await access.requireAccess(principal, 'campaign.manage', { sellerId: body.vendorId });
      const hash = createHash('sha256').update(canonical(body)).digest('hex');
      const replay = (existing: CampaignRow) => {
        if (existing.request_hash !== hash) throw conflict('idempotency_key_reused', `idempotencyKey "${body.idempotencyKey}" was used for a different campaign; use a new key for a new campaign.`);
        return { campaign: campaignView(existing), replayed: true };
      };
      if (body.idempotencyKey) {
        const existing = await findCampaignByKey(db, body.vendorId, body.idempotencyKey);
        if (existing) return replay(existing);
      }
      const now = new Date();
      const startAt = checkDefinition(body, now);
      const size = await measureForCreate(body);
      const kinds = quotaKinds(body.channels.map((c) => c.channel));
      const campaignId = uuidv7();
      const created = await db.transaction().execute(async (trx) => {
        const r = await ports.quotas.reserve(trx, body.vendorId, kinds, size.reachable, { upTo: body.upToQuota === true, at: startAt });
        if (r.granted < size.reachable && !body.upToQuota) throw quotaRefusal(r, size.reachable, kinds);
        if (r.granted === 0) throw quotaRefusal(r, size.reachable, kinds);
        const row = await insertCampaign(trx, {
          campaign_id: campaignId,
          vendor_id: body.vendorId,
          name: body.name,
          created_by: principal.userId,
          idempotency_key: body.idempotencyKey ?? null,
          request_hash: hash,
          definition: JSON.stringify(body),
          status: 'scheduled',
          next_run_at: startAt,
          created_at: now,
          quota_month: r.month,
          quota_kinds: kinds,
          quota_reserved: r.granted,
        });
        return row;
      });
      if (!created) {
        // Another request with the same key won the race: its campaign answers (or 409), and this one reserved nothing.
        const existing = await findCampaignByKey(db, body.vendorId, body.idempotencyKey!);
        if (existing) return replay(existing);
        throw conflict('idempotency_key_reused', 'The campaign could not be created; try again.');
      }
      return { campaign: campaignView(created), replayed: false };
    },

    /** What the campaign would do now, nothing written: "reaches N of M: K opted out, Q in quiet hours (delayed), C over frequency cap, U over quota". */
    async dryRun(principal: Principal, body: CampaignBody) {
      await access.requireAccess(principal, 'campaign.manage', { sellerId: body.vendorId });
      const now = new Date();
      const startAt = checkDefinition(body, now);
      const channels = body.channels.map((c) => c.channel);
      await source.measure(body.vendorId, body.audience, channels);
      let customers = 0;
      let optedOut = 0;
      let quiet = 0;
      let capped = 0;
      const reachable: string[] = [];
      for (let after: string | null = null; ; ) {
        const page = await source.page(body.vendorId, body.audience, after, 1000);
        if (page.length === 0) break;
        after = page.at(-1)!.userId;
        customers += page.length;
        const ok = page.filter((r) => channels.some((ch) => r.optedInChannels.includes(ch) && (ch !== 'email' || r.email) && (ch !== 'sms' || r.phoneNumber)));
        optedOut += page.length - ok.length;
        const ids = ok.map((r) => r.userId);
        const over = await ports.caps.cappedUsers(ids, 'promotional', startAt);
        capped += over.size;
        const sendable = ids.filter((u) => !over.has(u));
        const held = await ports.quietUsers(sendable, startAt);
        quiet += held.size;
        reachable.push(...sendable);
      }
      let overQuota = 0;
      let quota: { tier: string; month: string; remaining: Record<string, number | null> } | null = null;
      if (reachable.length) {
        // The reservation is taken and rolled back: the figures of a real one, nothing kept.
        const r = await db
          .transaction()
          .execute(async (trx) => {
            throw new DryRunDone(await ports.quotas.reserve(trx, body.vendorId, quotaKinds(channels), reachable.length, { upTo: true, at: startAt }));
          })
          .catch((err: unknown) => {
            if (err instanceof DryRunDone) return err.reservation;
            throw err;
          });
        overQuota = reachable.length - r.granted;
        quota = { tier: r.tier, month: r.month, remaining: r.remaining };
      }
      const reaches = reachable.length - overQuota;
      const quietReached = Math.min(quiet, reaches);
      return {
        reaches,
        of: customers,
        optedOut,
        quietHours: quietReached,
        overFrequencyCap: capped,
        overQuota,
        quota,
        summary: `reaches ${reaches} of ${customers}: ${optedOut} opted out, ${quietReached} in quiet hours (delayed), ${capped} over frequency cap, ${overQuota} over quota`,
      };
    },

    async list(principal: Principal, query: { vendorId?: string; status?: string; limit?: number; cursor?: string }) {
      const vendorId = principal.role === 'operator' ? query.vendorId : principal.userId;
      await access.requireAccess(principal, 'campaign.manage', vendorId !== undefined ? { sellerId: vendorId } : {});
      const limit = query.limit ?? 50;
      const after = query.cursor ? decodeCursor(query.cursor, ['date', 'string'] as const) : undefined;
      const rows = await listCampaignsPage(db, { vendorId, status: query.status, after: after && { createdAt: after[0].toISOString(), campaignId: after[1] }, limit });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { campaigns: page.map(campaignView), nextCursor: rows.length > limit && last ? encodeCursor([new Date(last.created_at), last.campaign_id]) : null };
    },

    mine,

    async pause(principal: Principal, campaignId: string) {
      return db.transaction().execute(async (trx) => {
        const c = await mine(principal, campaignId, trx, true);
        ended(c);
        if (c.status === 'paused') return campaignView(c);
        if (c.status === 'awaiting_winner') throw conflict('campaign_awaiting_winner', 'The campaign has sent all but its hold-back, which waits for a winner; declare one, or cancel the campaign.');
        return campaignView((await updateCampaign(trx, c.campaign_id, { status: 'paused', paused_from: c.status }))!);
      });
    },

    async resume(principal: Principal, campaignId: string) {
      return db.transaction().execute(async (trx) => {
        const c = await mine(principal, campaignId, trx, true);
        ended(c);
        if (c.status !== 'paused') throw conflict('campaign_not_paused', `The campaign is ${c.status.replace('_', ' ')}, not paused; only a paused campaign resumes.`);
        const to = c.paused_from ?? 'running';
        const due = to === 'running' || (c.next_run_at !== null && new Date(c.next_run_at) < new Date());
        return campaignView((await updateCampaign(trx, c.campaign_id, { status: to, paused_from: null, lease_until: null, ...(due ? { next_run_at: new Date() } : {}) }))!);
      });
    },

    /** Withdraws what has not gone out (through the acceptor), releases the quota of recipients never sent, and stops the campaign. */
    async cancel(principal: Principal, campaignId: string) {
      return db.transaction().execute(async (trx) => {
        const c = await mine(principal, campaignId, trx, true);
        // A finished campaign has reached every recipient, but its messages may still be waiting
        // for their time or for a worker: those are withdrawn. Only one with nothing left is 409.
        if (c.status !== 'finished') ended(c);
        const accepted = await listAcceptedRequests(trx, c.campaign_id);
        const withdrawn = new Set(await cancelScheduled(trx, accepted.map((a) => a.request_id!), `campaign ${c.campaign_id} cancelled`));
        if (c.status === 'finished' && withdrawn.size === 0) {
          throw conflict('campaign_finished', 'The campaign has finished and every message of it has gone out, so there is nothing left to cancel.');
        }
        const held = await listHeldUserIds(trx, c.campaign_id, c.run_number);
        await markRecipientsCancelled(trx, c.campaign_id, [...withdrawn], 'campaign_cancelled');
        // A recipient of this run whose every notification was withdrawn (or who was held back) never used their quota unit.
        const stillSent = new Set(accepted.filter((a) => a.run_number === c.run_number && !withdrawn.has(a.request_id!)).map((a) => a.user_id));
        const freed = new Set([...accepted.filter((a) => a.run_number === c.run_number && withdrawn.has(a.request_id!)).map((a) => a.user_id), ...held].filter((u) => !stillSent.has(u)));
        const used = Math.max(0, c.quota_used - freed.size);
        const unused = c.quota_reserved - used;
        if (unused > 0 && c.quota_month) await ports.quotas.release(trx, c.vendor_id, c.quota_month, c.quota_kinds as Parameters<typeof ports.quotas.release>[3], unused);
        const row = await updateCampaign(trx, c.campaign_id, { status: 'cancelled', paused_from: null, next_run_at: null, lease_until: null, finished_at: new Date(), quota_reserved: used, quota_used: used });
        return { campaign: campaignView(row!), withdrawn: withdrawn.size, released: Math.max(0, unused) };
      });
    },

    /** Declares the winning variant: the held-back rest of the audience is sent it. */
    async declareWinner(principal: Principal, campaignId: string, variant: string) {
      return db.transaction().execute(async (trx) => {
        const c = await mine(principal, campaignId, trx, true);
        ended(c);
        const def = c.definition as CampaignBody;
        const names = (def.variants ?? []).map((v) => v.name).filter((n) => n !== HOLDBACK);
        if (names.length === 0) throw conflict('not_an_ab_test', 'The campaign has no variants; there is no winner to declare.');
        if (!names.includes(variant)) throw unprocessable('unknown_variant', `The campaign has no variant "${variant}"; its variants are ${names.join(', ')}.`, { field: 'variant' });
        if (c.winner) throw conflict('winner_declared', `Variant "${c.winner}" was already declared the winner.`);
        const resume = c.status === 'awaiting_winner';
        return campaignView((await updateCampaign(trx, c.campaign_id, { winner: variant, winner_declared_at: new Date(), ...(resume ? { status: 'running', next_run_at: new Date(), lease_until: null } : {}) }))!);
      });
    },
  };
}

/** A finished or cancelled campaign is not steered any more (409). */
function ended(c: CampaignRow): void {
  if (c.status === 'finished') throw conflict('campaign_finished', 'The campaign has finished: every recipient has been reached, so there is nothing to pause, resume or decide.');
  if (c.status === 'cancelled') throw conflict('campaign_cancelled', 'The campaign was cancelled; create a new one to send again.');
}

export type CampaignDesk = ReturnType<typeof createCampaignDesk>;
