import type { ConsentLog } from '../consents/consent-log.ts';
import type { Db } from '../db/connect.ts';
import { type DemoSettlement, settleDemoDeliveries } from '../notifications/deliveries/sql/settleDemoDeliveries.ts';
import { fromName } from '../uuid.ts';
import { ana, ben, chloe, larkspur, northwind } from './story.ts';
import type { DemoUser } from './users.ts';

/**
 * The demo's KPI story: the sellers' promotional campaigns (metadata.vendorId), who opened and
 * clicked them and who ordered after (Ana's orders 1002 and 1006 follow a click), an
 * unsubscribe, and the providers' delivery reports the console providers cannot give, so the
 * KPI dashboards have figures on every line the demo can fill.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Campaign {
  key: string;
  vendor: DemoUser;
  to: DemoUser;
  channel: 'email' | 'in-app';
  title: string;
  body: string;
  /** When it was sent, days before the seeding run. */
  daysAgo: number;
  openedAfterHours?: number;
  clickedAfterHours?: number;
}

export const CAMPAIGNS: Campaign[] = [
  { key: 'larkspur-autumn-ana', vendor: larkspur, to: ana, channel: 'in-app', title: 'Autumn glazes are in', body: 'New rust and moss glazes on our bowls, this week only.', daysAgo: 4.5, openedAfterHours: 1, clickedAfterHours: 1.2 },
  { key: 'larkspur-autumn-ben', vendor: larkspur, to: ben, channel: 'email', title: 'Autumn glazes are in', body: 'New rust and moss glazes on our bowls, this week only.', daysAgo: 4.5, openedAfterHours: 2 },
  { key: 'larkspur-autumn-chloe', vendor: larkspur, to: chloe, channel: 'email', title: 'Autumn glazes are in', body: 'New rust and moss glazes on our bowls, this week only.', daysAgo: 4.5, openedAfterHours: 3, clickedAfterHours: 3.1 },
  { key: 'northwind-trail-ana', vendor: northwind, to: ana, channel: 'in-app', title: 'Trail season sale', body: '20% off rain shells and packs until Sunday.', daysAgo: 5.5, openedAfterHours: 0.5, clickedAfterHours: 0.6 },
  { key: 'northwind-trail-ben', vendor: northwind, to: ben, channel: 'email', title: 'Trail season sale', body: '20% off rain shells and packs until Sunday.', daysAgo: 5.5 },
  { key: 'northwind-trail-chloe', vendor: northwind, to: chloe, channel: 'email', title: 'Trail season sale', body: '20% off rain shells and packs until Sunday.', daysAgo: 5.5, openedAfterHours: 6 },
];

type Call = (who: 'backend', method: 'GET' | 'POST', url: string, body?: unknown) => Promise<{ status: number; body: any; headers: Record<string, unknown> }>;

interface Delivery {
  logId: string;
  channel: string;
  status: string;
  sendTime: string | null;
  nextAttemptAt?: string | null;
}

/**
 * Waiting for the worker: being sent, or queued and due. Not waiting: a review request scheduled
 * for next week, or a notice held for its user's quiet hours (due at `nextAttemptAt`).
 */
export const waitingForWorker = (d: Delivery) => {
  if (d.status === 'sending') return true;
  if (!['queued', 'standby'].includes(d.status)) return false;
  const due = d.nextAttemptAt ?? d.sendTime;
  return !due || new Date(due).getTime() <= Date.now() + 1000;
};
const waiting = waitingForWorker;

/** Sends the campaigns, records Ben's unsubscribe, and settles the demo's deliveries. Returns the notifications it sent. */
export async function seedKpiStory(options: { call: Call; db: Db; consents: ConsentLog; now: number; orderRequests: string[]; waitMs: number; notes: string[] }): Promise<{ sent: number; added: number }> {
  const { call, db, consents, now } = options;
  let added = 0;
  const campaignRequests = new Map<string, Campaign>();
  for (const c of CAMPAIGNS) {
    const requestId = fromName(`parley-demo:campaign:${c.key}`);
    const reply = await call('backend', 'POST', '/notifications', {
      requestId,
      notificationType: 'promotional',
      channels: [c.channel],
      recipient: { userId: c.to.userId, ...(c.channel === 'email' ? { email: c.to.contact.email } : {}) },
      message: c.channel === 'email' ? { subject: c.title, body: c.body } : { inAppMessage: { title: c.title, body: c.body } },
      metadata: { vendorId: c.vendor.userId, campaignId: c.key.split('-').slice(0, 2).join('-') },
    });
    if (reply.headers['idempotent-replayed'] === undefined) added++;
    campaignRequests.set(requestId, c);
  }

  // Ben unsubscribes from Northwind's emails after the trail sale (once).
  const history = await consents.history(ben.userId);
  if (!history.some((h) => h.vendorId === northwind.userId && h.source === 'unsubscribe')) {
    await consents.record([{ userId: ben.userId, vendorId: northwind.userId, channel: 'email', granted: false, source: 'unsubscribe', textShown: 'You will no longer receive promotional emails from Northwind Outfitters.' }]);
    added++;
  }

  // The worker sends them (console providers); then the reports those providers cannot give.
  const deliveries = await settled([...campaignRequests.keys(), ...options.orderRequests], options);
  const settlements: DemoSettlement[] = [];
  let i = 0;
  for (const [requestId, { acceptedAt, rows }] of deliveries) {
    const campaign = campaignRequests.get(requestId);
    for (const d of rows) {
      i++;
      if (d.status !== 'sent' && d.status !== 'read' && d.status !== 'delivered') continue;
      // In-app: delivered when it reached the feed the user read; email: the provider's report, a second or a few later.
      if (d.channel === 'in-app' && d.status === 'sent' && !campaign) continue;
      const createdAt = campaign ? new Date(now - campaign.daysAgo * DAY) : undefined;
      const base = createdAt?.getTime() ?? acceptedAt;
      // Campaigns as their story says; every third order email opened, every ninth clicked.
      const opened = campaign ? campaign.openedAfterHours : d.channel === 'email' && i % 3 === 0 ? 1 + (i % 5) : undefined;
      const clicked = campaign ? campaign.clickedAfterHours : d.channel === 'email' && i % 9 === 0 ? 1.5 + (i % 5) : undefined;
      const latencyMs = d.channel === 'email' ? 900 + ((i * 1931) % 5200) : 20 + ((i * 37) % 110);
      settlements.push({
        logId: d.logId,
        createdAt,
        deliveredAt: new Date(base + latencyMs),
        openedAt: opened !== undefined ? new Date(base + opened * HOUR) : null,
        clickedAt: clicked !== undefined ? new Date(base + clicked * HOUR) : null,
      });
    }
  }
  await settleDemoDeliveries(db, settlements);
  return { sent: CAMPAIGNS.length, added };
}

/** The deliveries of these requests once none is waiting for the worker (or `waitMs` passed). */
async function settled(requestIds: string[], options: { call: Call; waitMs: number; notes: string[] }): Promise<Map<string, { acceptedAt: number; rows: Delivery[] }>> {
  const deadline = Date.now() + options.waitMs;
  const out = new Map<string, { acceptedAt: number; rows: Delivery[] }>();
  let pending = [...requestIds];
  for (;;) {
    const still: string[] = [];
    for (const requestId of pending) {
      const reply = await options.call('backend', 'GET', `/notifications/${requestId}`);
      const rows = (reply.body.deliveries ?? []) as Delivery[];
      if (rows.some(waiting)) still.push(requestId);
      else out.set(requestId, { acceptedAt: new Date(reply.body.acceptedAt).getTime(), rows });
    }
    pending = still;
    if (pending.length === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (pending.length) options.notes.push(`${pending.length} notifications were not sent within ${Math.round(options.waitMs / 1000)} s (is this process a notification worker?); their delivery reports are left out.`);
  return out;
}
