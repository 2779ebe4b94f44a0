import type { Db } from '../db/connect.ts';
import { listOrdersFromSeller } from '../marketplace/orders/sql/listOrdersFromSeller.ts';
import { listCampaignSends } from '../notifications/deliveries/sql/listCampaignSends.ts';
import { readCampaignFigures } from '../notifications/deliveries/sql/readCampaignFigures.ts';
import { HOLDBACK } from './campaign-expansion.ts';
import type { CompareVariants } from './campaign-ports.ts';
import type { CampaignBody } from './campaign-schemas.ts';
import { campaignView } from './campaign-view.ts';
import type { CampaignRow } from './sql/campaignRow.ts';
import { countCampaignRecipients } from './sql/countCampaignRecipients.ts';
import { listRecipientProblems } from './sql/listRecipientProblems.ts';

const DAY_MS = 86_400_000;
/** Buyers whose sends are read per query. */
const BUYER_CHUNK = 1000;
const NO_VARIANT = 'default';

type Figures = { recipients: number; sent: number; delivered: number; opened: number; clicked: number; converted: number; failed: number; skipped: number; cancelled: number; pending: number };
const zero = (): Figures => ({ recipients: 0, sent: 0, delivered: 0, opened: 0, clicked: 0, converted: 0, failed: 0, skipped: 0, cancelled: 0, pending: 0 });
type ChannelFigures = Figures & { channel: string; skippedReasons: Record<string, number> };

/**
 * A campaign's progress and results: its recipients as the expansion wrote them, and its
 * notifications as they went (read from the deliveries' owner by metadata.campaignId), per
 * channel and per variant, with conversions (an order from the vendor by the recipient within
 * the window after the message went out, read from the orders' owner) and the variants
 * compared.
 */
export function createCampaignResults({ db, compareVariants, conversionDays }: { db: Db; compareVariants: CompareVariants; conversionDays: number }) {
  /**
   * Recipients (per variant and channel) who ordered from the vendor within the window after their
   * message went out. It starts from the vendor's orders since the campaign began (fewer than its
   * recipients, as a rule) and reads the sends of only those who ordered.
   */
  async function conversions(c: CampaignRow): Promise<Map<string, Set<string>>> {
    const windowMs = conversionDays * DAY_MS;
    // From its creation to the window after it finished (and a day for messages that waited out quiet hours).
    const from = new Date(c.created_at);
    const to = new Date(Math.min(Date.now() + 1, (c.finished_at ? new Date(c.finished_at).getTime() : Date.now()) + windowMs + DAY_MS));
    const orders = await listOrdersFromSeller(db, c.vendor_id, { from, to });
    const orderTimes = new Map<string, number[]>();
    for (const o of orders) {
      const times = orderTimes.get(o.buyerId);
      if (times) times.push(o.placedAt.getTime());
      else orderTimes.set(o.buyerId, [o.placedAt.getTime()]);
    }
    const buyers = [...orderTimes.keys()];
    const converted = new Map<string, Set<string>>();
    for (let i = 0; i < buyers.length; i += BUYER_CHUNK) {
      const firstSend = new Map<string, { variant: string; channel: string; user: string; at: number }>();
      for (const s of await listCampaignSends(db, c.campaign_id, buyers.slice(i, i + BUYER_CHUNK))) {
        const at = new Date(s.sent_at).getTime();
        const key = `${s.variant ?? NO_VARIANT}\u0000${s.channel}\u0000${s.user_id}`;
        const known = firstSend.get(key);
        if (!known || at < known.at) firstSend.set(key, { variant: s.variant ?? NO_VARIANT, channel: s.channel, user: s.user_id, at });
      }
      for (const { variant, channel, user, at } of firstSend.values()) {
        if ((orderTimes.get(user) ?? []).some((t) => t >= at && t <= at + windowMs)) {
          const k = `${variant}\u0000${channel}`;
          converted.set(k, (converted.get(k) ?? new Set()).add(user));
        }
      }
    }
    return converted;
  }

  return {
    async detail(c: CampaignRow) {
      const def = c.definition as CampaignBody;
      const [recipients, figures, converted, problems] = await Promise.all([
        countCampaignRecipients(db, c.campaign_id, c.run_number),
        readCampaignFigures(db, c.campaign_id),
        conversions(c),
        listRecipientProblems(db, c.campaign_id, 100),
      ]);

      const cells = new Map<string, ChannelFigures>();
      const cell = (variant: string | null, channel: string) => {
        const key = `${variant ?? NO_VARIANT}\u0000${channel}`;
        let f = cells.get(key);
        if (!f) cells.set(key, (f = { channel, ...zero(), skippedReasons: {} }));
        return f;
      };
      for (const r of figures.recipients) cell(r.variant, r.channel).recipients = r.n;
      for (const r of figures.rows) {
        const f = cell(r.variant, r.channel);
        f.sent += r.sent;
        f.delivered += r.delivered;
        f.opened += r.opened;
        f.clicked += r.clicked;
        if (r.status === 'failed' || r.status === 'dead') f.failed += r.n;
        else if (r.status === 'skipped') {
          f.skipped += r.n;
          const reason = r.error_code ?? 'skipped';
          f.skippedReasons[reason] = (f.skippedReasons[reason] ?? 0) + r.n;
        } else if (r.status === 'cancelled') f.cancelled += r.n;
        else if (r.status === 'queued' || r.status === 'standby') f.pending += r.n;
      }
      const skippedAtExpansion: Record<string, number> = {};
      let accepted = 0;
      let held = 0;
      for (const g of recipients.groups) {
        if (g.state === 'accepted') accepted += g.n;
        if (g.state === 'held') held += g.n;
        if (g.state !== 'skipped') continue;
        const reason = (g.reason ?? 'skipped').startsWith('render_failed') ? 'render_failed' : (g.reason ?? 'skipped');
        skippedAtExpansion[reason] = (skippedAtExpansion[reason] ?? 0) + g.n;
        const f = cell(g.variant, g.channel);
        f.skipped += g.n;
        f.skippedReasons[reason] = (f.skippedReasons[reason] ?? 0) + g.n;
      }
      for (const [key, users] of converted) {
        const [variant, channel] = key.split('\u0000') as [string, string];
        cell(variant === NO_VARIANT ? null : variant, channel).converted = users.size;
      }

      const byChannel = new Map<string, ChannelFigures>();
      const byVariant = new Map<string, Figures & { variant: string; channels: ChannelFigures[] }>();
      for (const [key, f] of cells) {
        const variant = key.split('\u0000')[0]!;
        const ch = byChannel.get(f.channel) ?? { channel: f.channel, ...zero(), skippedReasons: {} };
        const v = byVariant.get(variant) ?? { variant, ...zero(), channels: [] };
        for (const k of Object.keys(zero()) as (keyof Figures)[]) {
          ch[k] += f[k];
          v[k] += f[k];
        }
        for (const [reason, n] of Object.entries(f.skippedReasons)) ch.skippedReasons[reason] = (ch.skippedReasons[reason] ?? 0) + n;
        v.channels.push(f);
        byChannel.set(f.channel, ch);
        byVariant.set(variant, v);
      }

      // Each variant against the first, on clicks per message sent and on conversions per recipient sent.
      const names = (def.variants ?? []).map((v) => v.name).filter((n) => n !== HOLDBACK);
      const significance = [];
      const control = names[0] !== undefined ? byVariant.get(names[0]) : undefined;
      for (const name of names.slice(1)) {
        const other = byVariant.get(name);
        if (!control || !other || control.sent === 0 || other.sent === 0) continue;
        for (const [metric, a, b] of [
          ['clicked', { sent: control.sent, successes: control.clicked }, { sent: other.sent, successes: other.clicked }],
          ['converted', { sent: control.recipients, successes: Math.min(control.converted, control.recipients) }, { sent: other.recipients, successes: Math.min(other.converted, other.recipients) }],
        ] as const) {
          const r = compareVariants(a, b);
          significance.push({ variant: name, against: names[0]!, metric, method: r.method, z: r.z, pValue: r.pValue, significant: r.significant, rateA: r.rateA, rateB: r.rateB, lift: r.lift });
        }
      }

      return {
        ...campaignView(c),
        progress: { expansionDone: c.expansion_done, recipients: recipients.people, accepted, held, skipped: skippedAtExpansion },
        results: { channels: [...byChannel.values()], variants: [...byVariant.values()], conversionWindowDays: conversionDays },
        significance,
        problems: problems.map((p) => ({ userId: p.user_id, channel: p.channel, reason: p.reason ?? '' })),
      };
    },
  };
}

export type CampaignResults = ReturnType<typeof createCampaignResults>;
