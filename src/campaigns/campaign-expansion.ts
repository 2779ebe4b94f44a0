import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Insertable } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { CampaignRecipientsTable } from '../db/schema-campaigns.ts';
import { ParleyError } from '../errors.ts';
import type { Acceptor } from '../notifications/accept.ts';
import type { NotificationRequest } from '../notifications/model.ts';
import { fromName } from '../uuid.ts';
import type { AudienceSource, CampaignRecipient } from './campaign-audience.ts';
import { parseCampaignContent, renderData, renderMessage } from './campaign-content.ts';
import type { CampaignPorts, PlannedSendTime, QuotaKind } from './campaign-ports.ts';
import { nextRun } from './campaign-schedule.ts';
import type { CampaignBody, CampaignChannel } from './campaign-schemas.ts';
import type { CampaignSettings } from './campaign-settings.ts';
import type { CampaignRow } from './sql/campaignRow.ts';
import { claimDueCampaigns } from './sql/claimDueCampaigns.ts';
import { findCampaign } from './sql/findCampaign.ts';
import { listHeldRecipients } from './sql/listHeldRecipients.ts';
import { updateCampaign } from './sql/updateCampaign.ts';
import { upsertCampaignRecipients } from './sql/upsertCampaignRecipients.ts';

/** The name of the share held back until a winner is declared (as the experiments module names it). */
export const HOLDBACK = 'holdback';

/**
 * The request id of a campaign's notification to one recipient in one run (one request with a
 * delivery per channel, so frequency caps and daily limits count the campaign once per person):
 * the same however often a batch is tried.
 */
export const campaignRequestId = (campaignId: string, run: number, userId: string) => fromName(`parley:campaign:${campaignId}:${run}:${userId}`);

/** The quota kinds a campaign's recipient uses: one of each of its channels that has a quota, and one of bulk. */
export function quotaKinds(channels: readonly string[]): QuotaKind[] {
  return [...(['email', 'sms'] as const).filter((k) => channels.includes(k)), 'bulk'];
}

class Stale extends Error {}

/** Users planned per call of the send-time planner. */
const PLAN_CHUNK = 1000;

/**
 * The background expansion: claims campaigns with work due (FOR UPDATE SKIP LOCKED and a lease,
 * safe on several nodes) and does one step of each: start a run, expand one batch, send one batch
 * of the hold-back to the winner, or finish a run. A batch is read and rendered first, then
 * written in one transaction with its notifications (through the acceptor) and the cursor's move,
 * after checking under the campaign's row lock that no other worker moved the cursor meanwhile.
 * Request ids derive from (campaign, run, user, channel), so even a batch tried twice is accepted once.
 */
export function createCampaignExpansion({
  db,
  acceptor,
  source,
  ports,
  settings,
  log,
}: {
  db: Db;
  acceptor: Acceptor;
  source: AudienceSource;
  ports: Pick<CampaignPorts, 'quotas' | 'planner' | 'assignVariant'>;
  settings: CampaignSettings;
  log: Logger;
}) {
  /** Writes a step's rows in one transaction, after checking the campaign is where the step read it. */
  async function commitStep(c: CampaignRow, write: (trx: Db, locked: CampaignRow) => Promise<void>): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const locked = await findCampaign(trx, c.campaign_id, { lock: true });
      if (!locked || locked.status !== c.status || locked.run_number !== c.run_number || locked.cursor_user_id !== c.cursor_user_id || locked.held_cursor_user_id !== c.held_cursor_user_id || locked.winner !== c.winner) throw new Stale();
      await write(trx, locked);
    });
  }

  async function startRun(c: CampaignRow): Promise<void> {
    const def = c.definition as CampaignBody;
    const now = new Date();
    // A later run of a recurring campaign reserves for the audience as it is now, measured before
    // the step's transaction (which holds the embedded database's only connection).
    const reachable = c.run_number > 1 ? (await source.measure(c.vendor_id, def.audience, def.channels.map((ch) => ch.channel)).catch(() => ({ reachable: 0 }))).reachable : 0;
    await commitStep(c, async (trx) => {
      let patch: Parameters<typeof updateCampaign>[2] = { status: 'running', next_run_at: now, next_slot_at: now, lease_until: null };
      if (c.run_number > 1) {
        const kinds = quotaKinds(def.channels.map((ch) => ch.channel));
        const r = reachable > 0 ? await ports.quotas.reserve(trx, c.vendor_id, kinds, reachable, { upTo: def.upToQuota === true }) : undefined;
        patch = { ...patch, quota_month: r?.month ?? null, quota_kinds: kinds, quota_reserved: r?.granted ?? 0, quota_used: 0 };
        if (r && r.granted === 0) log.info({ campaignId: c.campaign_id, run: c.run_number }, 'campaign run over quota: nobody is sent this run');
      }
      await updateCampaign(trx, c.campaign_id, patch);
    });
  }

  /** Accepts what it can of a batch's requests; a request the acceptor refuses is reported on its recipient instead of stopping the campaign. */
  async function prepare(requests: NotificationRequest[]) {
    try {
      return { prepared: [await acceptor.prepare(requests)], refused: new Map<string, string>() };
    } catch (err) {
      if (!(err instanceof ParleyError)) throw err;
      const prepared: Awaited<ReturnType<Acceptor['prepare']>>[] = [];
      const refused = new Map<string, string>();
      for (const request of requests) {
        try {
          prepared.push(await acceptor.prepare([request]));
        } catch (e) {
          if (!(e instanceof ParleyError)) throw e;
          refused.set(request.requestId, `not_accepted: ${e.code}`);
        }
      }
      return { prepared, refused };
    }
  }

  /**
   * Makes one batch: the recipients' rows and their notifications. `variantOf` says each
   * recipient's variant (null: no A/B test; HOLDBACK: held back, no notification yet).
   */
  async function makeBatch(c: CampaignRow, recipients: CampaignRecipient[], variantOf: (userId: string) => string | null, countsQuota: boolean) {
    const def = c.definition as CampaignBody;
    const content = parseCampaignContent(def);
    const channels = def.channels.map((ch) => ch.channel);
    const now = new Date();
    const rows: Insertable<CampaignRecipientsTable>[] = [];
    const toSend: { recipient: CampaignRecipient; channel: CampaignChannel; variant: string | null; message: NotificationRequest['message'] }[] = [];
    let used = c.quota_used;
    for (const r of recipients) {
      const variant = variantOf(r.userId);
      const row = (channel: string, state: string, reason: string | null) => rows.push({ campaign_id: c.campaign_id, run_number: c.run_number, user_id: r.userId, channel, variant: variant === HOLDBACK ? null : variant, request_id: null, state, reason });
      const eligible = channels.filter((ch) => {
        if (!r.optedInChannels.includes(ch)) return row(ch, 'skipped', 'not_opted_in'), false;
        if ((ch === 'email' && !r.email) || (ch === 'sms' && !r.phoneNumber)) return row(ch, 'skipped', 'no_address'), false;
        return true;
      });
      if (eligible.length === 0) continue;
      if (countsQuota) {
        if (used >= c.quota_reserved) {
          for (const ch of eligible) row(ch, 'skipped', 'over_quota');
          continue;
        }
        used++;
      }
      for (const channel of eligible) {
        if (variant === HOLDBACK) {
          row(channel, 'held', null);
          continue;
        }
        const parsed = content.pick(variant, channel, r.locale);
        const made = parsed ? await renderMessage(parsed, channel, renderData(r, c.vendor_id, { id: c.campaign_id, name: c.name })) : { problem: 'render_failed: no template' };
        if ('problem' in made) row(channel, 'skipped', made.problem.slice(0, 1000));
        else toSend.push({ recipient: r, channel, variant, message: made.message });
      }
    }

    // When each goes out: at the recipient's best hour, or in the pace's next slots, or now.
    const planned = new Map<string, PlannedSendTime>();
    if (def.sendTimeOptimisation) {
      const users = [...new Set(toSend.map((s) => s.recipient.userId))];
      for (let i = 0; i < users.length; i += PLAN_CHUNK) for (const [u, p] of await ports.planner.plan(users.slice(i, i + PLAN_CHUNK), { from: now })) planned.set(u, p);
    }
    const interval = def.pacePerMinute ? 60_000 / def.pacePerMinute : 0;
    let slot = Math.max(c.next_slot_at ? new Date(c.next_slot_at).getTime() : now.getTime(), now.getTime());
    let lastSend = c.last_send_at ? new Date(c.last_send_at).getTime() : 0;
    const requests: NotificationRequest[] = [];
    const requestRows = new Map<string, Insertable<CampaignRecipientsTable>[]>();
    const byUser = new Map<string, typeof toSend>();
    for (const s of toSend) byUser.set(s.recipient.userId, [...(byUser.get(s.recipient.userId) ?? []), s]);
    for (const [userId, sends] of byUser) {
      const { recipient, variant } = sends[0]!;
      const plan = def.sendTimeOptimisation ? planned.get(userId) : undefined;
      let at = now.getTime();
      if (plan) at = Math.max(plan.at.getTime(), now.getTime());
      else if (interval) {
        // Each channel's message is one of the pace's messages.
        at = slot;
        slot += interval * sends.length;
      }
      lastSend = Math.max(lastSend, at);
      const requestId = campaignRequestId(c.campaign_id, c.run_number, userId);
      const sendAt = new Date(Math.round(at));
      const channelsOf = sends.map((x) => x.channel);
      requests.push({
        requestId,
        notificationType: 'promotional',
        channels: channelsOf,
        recipient: { userId, ...(channelsOf.includes('email') ? { email: recipient.email! } : {}), ...(channelsOf.includes('sms') ? { phoneNumber: recipient.phoneNumber! } : {}) },
        // Each channel's content sits in its own fields (subject/body, smsText, pushNotification, inAppMessage).
        message: Object.assign({}, ...sends.map((x) => x.message)) as NotificationRequest['message'],
        ...(at > now.getTime() + 1000 ? { schedule: { sendAt: sendAt.toISOString() } } : {}),
        metadata: {
          campaignId: c.campaign_id,
          vendorId: c.vendor_id,
          ...(variant !== null ? { variant } : {}),
          ...(plan ? { sendTime: { at: sendAt.toISOString(), source: plan.source, reason: plan.reason.slice(0, 500) } } : {}),
        },
      });
      const written = sends.map((x) => ({ campaign_id: c.campaign_id, run_number: c.run_number, user_id: userId, channel: x.channel, variant, request_id: requestId, state: 'accepted', reason: plan ? `send_time: ${plan.reason}`.slice(0, 1000) : null, send_at: sendAt }));
      rows.push(...written);
      requestRows.set(requestId, written);
    }
    const { prepared, refused } = await prepare(requests);
    for (const [requestId, reason] of refused) for (const row of requestRows.get(requestId)!) Object.assign(row, { state: 'skipped', reason, request_id: null, send_at: null });
    return { rows, prepared, used, nextSlot: interval ? new Date(slot) : null, lastSend: lastSend ? new Date(lastSend) : null };
  }

  async function expandBatch(c: CampaignRow): Promise<void> {
    const def = c.definition as CampaignBody;
    const page = await source.page(c.vendor_id, def.audience, c.cursor_user_id, settings.batchSize);
    if (page.length === 0) {
      await commitStep(c, async (trx) => void (await updateCampaign(trx, c.campaign_id, { expansion_done: true, next_run_at: new Date(), lease_until: null })));
      return;
    }
    const splits = def.variants?.map((v) => ({ name: v.name, percent: v.percent }));
    const variantOf = (userId: string): string | null => {
      if (!splits) return null;
      const v = ports.assignVariant(`campaign:${c.campaign_id}`, userId, splits);
      return v === HOLDBACK && c.winner ? c.winner : v;
    };
    const batch = await makeBatch(c, page, variantOf, true);
    await writeBatch(c, batch, { cursor_user_id: page.at(-1)!.userId });
  }

  async function sendHeldBatch(c: CampaignRow): Promise<void> {
    const held = await listHeldRecipients(db, c.campaign_id, c.run_number, c.held_cursor_user_id, settings.batchSize);
    if (held.length === 0) {
      await commitStep(c, async (trx) => void (await updateCampaign(trx, c.campaign_id, { held_done: true, next_run_at: new Date(), lease_until: null })));
      return;
    }
    const userIds = [...new Set(held.map((h) => h.user_id))];
    const channelsOf = new Map<string, string[]>();
    for (const h of held) channelsOf.set(h.user_id, [...(channelsOf.get(h.user_id) ?? []), h.channel]);
    // The held-back recipients were checked (consent, address, quota) when they were held; they get the winner on the channels held for them.
    const recipients = (await source.recipients(c.vendor_id, userIds)).map((r) => ({ ...r, optedInChannels: channelsOf.get(r.userId) ?? [] }));
    const batch = await makeBatch(c, recipients, () => c.winner, false);
    await writeBatch(c, batch, { held_cursor_user_id: userIds.at(-1)! });
  }

  async function writeBatch(c: CampaignRow, batch: Awaited<ReturnType<typeof makeBatch>>, cursor: Parameters<typeof updateCampaign>[2]): Promise<void> {
    const lead = settings.leadSeconds * 1000;
    const nextAt = batch.nextSlot ? new Date(Math.max(Date.now(), batch.nextSlot.getTime() - lead)) : new Date();
    await commitStep(c, async (trx) => {
      await upsertCampaignRecipients(trx, batch.rows);
      for (const p of batch.prepared) await p.write(trx);
      await updateCampaign(trx, c.campaign_id, { ...cursor, quota_used: batch.used, next_slot_at: batch.nextSlot, last_send_at: batch.lastSend, next_run_at: nextAt, lease_until: null });
    });
    for (const p of batch.prepared) p.committed();
  }

  async function finishRun(c: CampaignRow): Promise<void> {
    const def = c.definition as CampaignBody;
    const now = new Date();
    const heldBack = (def.variants ?? []).some((v) => v.name === HOLDBACK && v.percent > 0);
    await commitStep(c, async (trx, locked) => {
      const unused = locked.quota_reserved - locked.quota_used;
      if (unused > 0 && locked.quota_month) await ports.quotas.release(trx, c.vendor_id, locked.quota_month, locked.quota_kinds as QuotaKind[], unused);
      const quota = { quota_reserved: locked.quota_used };
      if (heldBack && !locked.winner) {
        await updateCampaign(trx, c.campaign_id, { ...quota, status: 'awaiting_winner', next_run_at: null, lease_until: null });
      } else if (locked.last_send_at && new Date(locked.last_send_at) > now) {
        // Expanded: finished once its last paced or planned message is due.
        await updateCampaign(trx, c.campaign_id, { ...quota, next_run_at: locked.last_send_at, lease_until: null });
      } else if (def.schedule?.recurring) {
        await updateCampaign(trx, c.campaign_id, {
          status: 'scheduled', run_number: locked.run_number + 1, next_run_at: nextRun(def.schedule.recurring, now), cursor_user_id: null, expansion_done: false,
          held_cursor_user_id: null, held_done: false, next_slot_at: null, last_send_at: null, quota_month: null, quota_reserved: 0, quota_used: 0, lease_until: null,
        });
      } else {
        await updateCampaign(trx, c.campaign_id, { ...quota, status: 'finished', finished_at: now, next_run_at: null, lease_until: null });
      }
    });
  }

  async function step(c: CampaignRow): Promise<void> {
    if (c.status === 'scheduled') return startRun(c);
    if (!c.expansion_done) return expandBatch(c);
    if (c.winner && !c.held_done) return sendHeldBatch(c);
    return finishRun(c);
  }

  return {
    /** One round: claims campaigns with work due and does one step of each; answers how many. */
    async runDue(budgetMs = 5_000): Promise<number> {
      const started = Date.now();
      let steps = 0;
      // Steps follow each other while there is work due, for a while; then the next round.
      while (Date.now() - started < budgetMs) {
        const claimed = await claimDueCampaigns(db, 5, settings.leaseSeconds);
        if (claimed.length === 0) break;
        for (const c of claimed) {
          steps++;
          const stepStarted = Date.now();
          try {
            await step(c);
          } catch (err) {
            if (err instanceof Stale) continue;
            log.warn({ campaignId: c.campaign_id, err: (err as Error).message }, 'campaign step failed; it is tried again after its lease');
          }
          // Expanding is background work: it rests in proportion to what it took (PARLEY_CAMPAIGN_EXPANSION_SHARE).
          const rest = ((Date.now() - stepStarted) * (100 - settings.expansionShare)) / settings.expansionShare;
          if (rest >= 1) await sleep(rest);
        }
      }
      return steps;
    },
  };
}

export type CampaignExpansion = ReturnType<typeof createCampaignExpansion>;
