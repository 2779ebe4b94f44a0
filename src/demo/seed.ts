import type { App } from '../http/instance.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import { fromName } from '../uuid.ts';
import { signDemoToken } from './demo-routes.ts';
import { registerDemoCrm } from './demo-webhooks.ts';
import { sendVoiceNote } from './voice-note.ts';
import { BackdatingRefused, type WrittenMessage, backdateMessages } from './backdate.ts';
import { NOTICES, ORDERS, QUICK_REPLIES, TEMPLATES, ana, ben, chloe, larkspur, northwind, sam } from './story.ts';
import { seedKpiStory, waitingForWorker } from './kpi-story.ts';
import { seedCampaignStory } from './campaign-story.ts';
import { DEMO_USERS, type DemoUser } from './users.ts';

/**
 * Demo mode's marketplace, written through Parley's own endpoints (`app.inject`), as the
 * marketplace backend (the API key) and as each demo user (their JWT) would write it, so the
 * data is exactly what real use produces. Every step is idempotent: order events, messages and
 * notifications carry stable ids (eventId, clientMessageId, requestId), and templates, quick
 * replies and the dispute are looked up before they are created. Seeding a data directory a
 * second time adds nothing.
 *
 * The API stamps messages as they are written; through the app's database (`options.db`), seeding
 * then moves the demo messages to their time in the story (see `backdateMessages`), so the order
 * timelines and the sellers' dashboards look like days of real use.
 */

/** What a seeding run found and did. `added` counts the writes that were new this time. */
export interface DemoSeedSummary {
  users: number;
  orders: number;
  orderEvents: number;
  conversations: number;
  messages: number;
  templates: number;
  quickReplies: number;
  notifications: number;
  disputes: number;
  /** Writes that created something this run (0 when the data directory was seeded already). */
  added: number;
  /** Writes that found their data already there. */
  alreadyThere: number;
  /** In-app notifications marked read (only when this process delivers notifications). */
  notificationsMarkedRead: number;
  /** Messages moved to their time in the demo's story this run (0 once they are there). */
  messagesBackdated: number;
  /** Anything that could not be done, in words. */
  notes: string[];
}

export interface SeedOptions {
  /** How long to wait for the notification worker to deliver the in-app notifications before marking some read. */
  deliveryWaitMs?: number;
  /**
   * The app's database (the `db` of the DatabaseHandle the app was built with). The API writes
   * every message "now"; seeding then moves the demo messages to their time in the story.
   */
  db: Db;
}

type Who = DemoUser | 'backend';
interface Reply {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

/** Suppressed by hand in the demo (the list also fills from bounces, STOP texts and dead push tokens). */
const DEMO_SUPPRESSIONS = [
  { channel: 'email', address: 'old-address@mail.demo.example', note: 'Mailbox closed: the customer wrote from a new address.' },
  { channel: 'email', address: 'no-marketing@demo.example', note: 'Asked by phone never to be emailed.' },
];

const VISIBLE_IN_APP = ['sent', 'delivered', 'read', 'clicked', 'opened'];

export async function seedDemo(app: App, config: Config, options: SeedOptions): Promise<DemoSeedSummary> {
  if (!config.jwtSecret) throw new Error('demo mode needs PARLEY_JWT_SECRET to sign its users\' tokens');
  const jwtSecret = config.jwtSecret;
  const summary: DemoSeedSummary = {
    users: DEMO_USERS.length,
    orders: ORDERS.length,
    orderEvents: 0,
    conversations: 0,
    messages: 0,
    templates: 0,
    quickReplies: 0,
    notifications: 0,
    disputes: 0,
    added: 0,
    alreadyThere: 0,
    notificationsMarkedRead: 0,
    messagesBackdated: 0,
    notes: [],
  };
  const tokens = new Map<string, string>();
  const operator = DEMO_USERS.find((u) => u.role === 'operator')!;
  // One base time for the whole run: "days ago" is counted from here.
  const now = Date.now();
  const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();

  async function authorization(who: Who): Promise<string> {
    if (who === 'backend' && config.apiKeys[0]) return `Bearer ${config.apiKeys[0]}`;
    const u = who === 'backend' ? operator : who;
    let token = tokens.get(u.userId);
    if (!token) {
      token = (await signDemoToken(jwtSecret, u, 3600)).token;
      tokens.set(u.userId, token);
    }
    return `Bearer ${token}`;
  }

  /** One request; a status outside `ok` stops seeding with what the server said. */
  async function call(who: Who, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown, ok: number[] = [200, 201, 202]): Promise<Reply> {
    const response = await app.inject({
      method,
      url,
      headers: { authorization: await authorization(who), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    const reply: Reply = { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers };
    if (!ok.includes(reply.status)) {
      throw new Error(`demo seeding: ${method} ${url} as ${who === 'backend' ? 'the backend' : who.userId} answered ${reply.status}: ${response.body}`);
    }
    return reply;
  }

  const tally = (created: boolean) => {
    if (created) summary.added++;
    else summary.alreadyThere++;
  };

  // 1. How Parley reaches each demo user (names show in templates and notices).
  for (const u of DEMO_USERS) {
    await call('backend', 'PUT', `/users/${u.userId}/contact`, { name: u.name, ...u.contact });
  }

  // 1a. Larkspur Ceramics' CRM takes its order, message and dispute events by webhook (Parley's
  // own receiver stands in for it). Registered first, so every event of the story reaches it;
  // paused while seeding, since Parley does not listen yet: `resumeDemoWebhooks` resumes it then.
  tally(await registerDemoCrm(call, config.publicUrl));

  // 1b. Promotional consents the buyers gave at checkout (once: a second run finds them there).
  const consents: [typeof ana, typeof larkspur | null, string, string][] = [
    [ana, larkspur, 'email', 'Send me Larkspur Ceramics offers by email.'],
    [ben, northwind, 'email', 'Send me Northwind Outdoor offers by email.'],
    [ben, northwind, 'sms', 'Text me Northwind Outdoor offers.'],
    [chloe, larkspur, 'push', 'Send me Larkspur Ceramics offers as notifications.'],
    [chloe, larkspur, 'whatsapp', 'Send me Larkspur Ceramics offers on WhatsApp.'],
    [ana, null, 'email', 'Send me the marketplace newsletter.'],
  ];
  for (const [buyer, vendor, channel, textShown] of consents) {
    const held = (await call(buyer, 'GET', `/users/${buyer.userId}/consents`)).body.history as { vendorId: string | null; channel: string }[];
    const there = held.some((c) => c.vendorId === (vendor?.userId ?? null) && c.channel === channel);
    if (!there) await call(buyer, 'POST', `/users/${buyer.userId}/consents`, { vendorId: vendor?.userId ?? null, channel, granted: true, source: 'checkout', textShown });
    tally(!there);
  }

  // 2. The sellers' templates (with keyboard shortcuts) and quick replies (with trigger words), as the sellers.
  const templateIds = new Map<string, string>();
  const quickReplyIds = new Map<string, string>();
  for (const seller of [larkspur, northwind]) {
    const existing = (await call(seller, 'GET', '/marketplace/messaging/templates')).body.templates as { templateId: string; name: string }[];
    for (const t of TEMPLATES[seller.userId]!) {
      let id = existing.find((e) => e.name === t.name)?.templateId;
      if (!id) id = (await call(seller, 'POST', '/marketplace/messaging/templates', t)).body.templateId as string;
      tally(!existing.some((e) => e.name === t.name));
      templateIds.set(`${seller.userId}:${t.name}`, id);
      summary.templates++;
    }
    const replies = (await call(seller, 'GET', '/marketplace/messaging/quick-replies')).body.quickReplies as { quickReplyId: string; content: string }[];
    for (const q of QUICK_REPLIES[seller.userId]!) {
      let id = replies.find((e) => e.content === q.content)?.quickReplyId;
      if (!id) id = (await call(seller, 'POST', '/marketplace/messaging/quick-replies', q)).body.quickReplyId as string;
      tally(!replies.some((e) => e.content === q.content));
      quickReplyIds.set(`${seller.userId}:${q.content}`, id);
      summary.quickReplies++;
    }
  }

  /** Where each demo message went (by its key), for moving it to its time in the story. */
  const written: WrittenMessage[] = [];

  /** A text message as a user, stored once under its clientMessageId. */
  async function say(from: DemoUser, conversationId: string, key: string, content: string, metadata?: Record<string, unknown>): Promise<void> {
    const reply = await call(from, 'POST', `/conversations/${conversationId}/messages`, { content, clientMessageId: `demo:${key}`, ...(metadata ? { metadata } : {}) });
    tally(reply.status === 201);
    summary.messages++;
    written.push({ key, conversationId, senderId: from.userId });
    // Whoever writes has read what came before: read up to their message, as their app marks it
    // (so no unread reminder ever points at a message they answered).
    await call(from, 'POST', `/conversations/${conversationId}/read`, { seq: reply.body.seq as number });
  }

  /** A seller's template, filled for the conversation as the seller's own screen fills it, then sent. */
  async function sendTemplate(seller: DemoUser, conversationId: string, key: string, name: string): Promise<void> {
    const listed = (await call(seller, 'GET', `/marketplace/messaging/templates?conversationId=${conversationId}`)).body.templates as { templateId: string; rendered: { content: string } }[];
    const templateId = templateIds.get(`${seller.userId}:${name}`)!;
    const filled = listed.find((t) => t.templateId === templateId)!;
    await say(seller, conversationId, key, filled.rendered.content, { templateId });
  }

  async function sendQuickReply(seller: DemoUser, conversationId: string, key: string, content: string): Promise<void> {
    await say(seller, conversationId, key, content, { quickReplyId: quickReplyIds.get(`${seller.userId}:${content}`)! });
  }

  // 3. Product inquiries, as the buyers. Ben's is asked before his order, which converts it.
  const benInquiry = await call(ben, 'POST', '/marketplace/messaging/conversations/product/demo-prod-trailhead-tent', {
    sellerId: northwind.userId,
    productTitle: 'Trailhead 2P ultralight tent',
    price: 349,
    currency: 'EUR',
    inquiryTemplate: 'availability',
    clientMessageId: 'demo:inquiry-ben-tent',
  });
  tally(benInquiry.status === 201);
  summary.conversations++;
  summary.messages++;
  const benInquiryId = benInquiry.body.conversationId as string;
  written.push({ key: 'inquiry-ben-tent', conversationId: benInquiryId, senderId: ben.userId });
  await sendQuickReply(northwind, benInquiryId, 'inquiry-ben-tent-2', QUICK_REPLIES[northwind.userId]![1]!.content);
  await say(ben, benInquiryId, 'inquiry-ben-tent-3', 'Perfect, ordering it now!');

  const chloeInquiry = await call(chloe, 'POST', '/marketplace/messaging/conversations/product/demo-prod-celadon-vase', {
    sellerId: larkspur.userId,
    productTitle: 'Tall celadon vase',
    price: 74,
    currency: 'EUR',
    inquiryTemplate: 'shipping',
    clientMessageId: 'demo:inquiry-chloe-vase',
  });
  tally(chloeInquiry.status === 201);
  summary.conversations++;
  summary.messages++;
  const chloeInquiryId = chloeInquiry.body.conversationId as string;
  written.push({ key: 'inquiry-chloe-vase', conversationId: chloeInquiryId, senderId: chloe.userId });

  // 4. Orders, as the marketplace backend sends their events.
  const conversationOf = new Map<string, string>();
  const noticeRequests: { requestId: string; read: boolean }[] = [];
  for (const order of ORDERS) {
    for (const step of order.steps) {
      const event: Record<string, unknown> = { eventId: `${order.orderId}-${step.type}`, type: step.type, orderId: order.orderId, ...step.fields };
      if (step.daysAgo !== undefined) event.occurredAt = daysAgo(step.daysAgo);
      if (step.type === 'placed') {
        event.buyer = { userId: order.buyer.userId, name: order.buyer.name };
        event.seller = { userId: order.seller.userId, name: order.seller.name };
        event.order = { total: order.total, currency: 'EUR', items: order.items };
      }
      if (step.type === 'paid') event.payment = { amount: order.total, currency: 'EUR', paymentId: `demo-pay-${order.orderId.slice(-4)}` };
      // A repeated event id answers 200; 409 event_id_reused means an earlier run sent it (its occurredAt was counted from then).
      const reply = await call('backend', 'POST', '/marketplace/orders/events', event, [200, 201, 409]);
      if (reply.status === 409 && reply.body?.error?.code !== 'event_id_reused') {
        throw new Error(`demo seeding: order event ${String(event.eventId)} was refused: ${JSON.stringify(reply.body)}`);
      }
      tally(reply.status === 201);
      summary.orderEvents++;
      if (reply.status !== 409) {
        conversationOf.set(order.orderId, reply.body.conversationId);
        for (const requestId of reply.body.notifications as string[]) noticeRequests.push({ requestId, read: Boolean(order.noticesRead) });
      }
    }
    if (!conversationOf.has(order.orderId)) {
      // Every event was sent by an earlier run: the order's conversation, as its buyer finds it
      // (looked up, not opened: opening touches the conversation's updated_at).
      const found = (await call(order.buyer, 'GET', `/marketplace/messaging/conversations/my-orders?orderId=${encodeURIComponent(order.orderId)}`)).body.conversations as { conversationId: string }[];
      const conversationId = found[0]?.conversationId ?? (await call(order.buyer, 'POST', `/marketplace/messaging/conversations/order/${order.orderId}`, {})).body.conversationId;
      conversationOf.set(order.orderId, conversationId);
    }
    summary.conversations++;
  }
  const conv = (orderId: string) => conversationOf.get(orderId)!;

  // 5. What buyers and sellers said.
  await say(ana, conv('demo-order-1001'), '1001-1', 'The mugs arrived today and they are even nicer than in the photos. Thank you!');
  await say(larkspur, conv('demo-order-1001'), '1001-2', 'So glad you like them, Ana! Enjoy your coffee.');

  await say(ana, conv('demo-order-1002'), '1002-1', 'Hi! Has the serving bowl shipped yet? It is a birthday present.');
  await sendTemplate(larkspur, conv('demo-order-1002'), '1002-2', 'Order shipped');

  await say(ana, conv('demo-order-1003'), '1003-1', 'Hi, the plates arrived today but two of them are cracked right across.');
  await say(larkspur, conv('demo-order-1003'), '1003-2', 'I am sorry to hear that, Ana. Could you send me a photo of the plates and of the box?');
  // Strongly negative: the analytics job flags the conversation for the moderators.
  await say(ana, conv('demo-order-1003'), '1003-3', 'I sent the photos two days ago and heard nothing. This is a scam: broken plates, no answer, terrible awful service. You are a thief!');

  await say(ana, conv('demo-order-1004'), '1004-1', 'Hi! Could you ship the socks before Friday? How long does delivery take to Lisbon?');
  await sendQuickReply(northwind, conv('demo-order-1004'), '1004-2', QUICK_REPLIES[northwind.userId]![0]!.content);

  await say(northwind, conv('demo-order-1005'), '1005-1', 'Sorry Ana, the jacket in size M sold out before we could pack yours, so we refunded you in full.');
  await say(ana, conv('demo-order-1005'), '1005-2', 'No problem, thanks for the quick refund.', { via: 'email' }); // Ana answered the unread reminder by email: the app marks it "by email"

  await say(ana, conv('demo-order-1006'), '1006-1', 'Sorry, I picked the wrong length and cancelled. I will order the 130 cm ones instead.');
  await say(northwind, conv('demo-order-1006'), '1006-2', 'No worries at all, Ana!');

  await sendTemplate(larkspur, conv('demo-order-1007'), '1007-1', 'Thanks for your order');

  // A phone number: Northwind Outfitters sees it masked, Ben and the moderators as written.
  await say(ben, conv('demo-order-1008'), '1008-1', 'Just ordered the tent! If the courier needs directions, call me at (415) 555-0134.');
  // Ben adds a voice message with the directions (a 3-second clip; a voice message has no text).
  tally(await sendVoiceNote(app, await authorization(ben), ben, conv('demo-order-1008'), '1008-voice'));
  summary.messages++;
  written.push({ key: '1008-voice', conversationId: conv('demo-order-1008'), senderId: ben.userId });
  await say(northwind, conv('demo-order-1008'), '1008-2', 'Thanks Ben! The courier uses the address of your order; let us keep in touch here in the chat.');

  // 6. Ana escalates order 1003 to a dispute; the moderator takes it and asks the seller for a proposal.
  const disputed = conv('demo-order-1003');
  const disputes = (await call('backend', 'GET', `/marketplace/messaging/conversations/${disputed}/disputes`)).body.disputes as { disputeId: string; moderatorId: string | null; status: string }[];
  let dispute = disputes[0];
  if (!dispute) {
    dispute = (
      await call(ana, 'POST', `/marketplace/messaging/conversations/${disputed}/escalate`, {
        reason: 'Two of the four plates arrived cracked and the seller has not offered a refund or a replacement.',
      })
    ).body.dispute;
  }
  tally(disputes.length === 0);
  summary.disputes++;
  if (dispute!.moderatorId !== sam.userId && dispute!.status === 'open') {
    dispute = (await call(sam, 'POST', `/marketplace/messaging/disputes/${dispute!.disputeId}/assign`, {})).body;
  }
  if (dispute!.status === 'open') {
    await call(sam, 'PATCH', `/marketplace/messaging/disputes/${dispute!.disputeId}`, {
      status: 'awaiting_seller',
      note: 'Larkspur Ceramics, please offer a replacement or a refund within 48 hours.',
    });
  }
  await say(sam, disputed, '1003-4', 'Hello Ana and Larkspur Ceramics, I am Sam from the marketplace team. I have asked the seller for a proposal; photos of the packaging would help too.');

  // 6b. Customer satisfaction: delivered, order 1001's buyer was asked to rate Larkspur Ceramics'
  // communication, and Ana did; order 1003 (delivered, then disputed) still waits for her rating.
  const rated = (await call(ana, 'GET', '/marketplace/orders/demo-order-1001/rating')).body as { rating: number | null; canRate: boolean };
  if (rated.rating === null && rated.canRate) {
    await call(ana, 'POST', '/marketplace/orders/demo-order-1001/rating', { rating: 5, comment: 'Lovely mugs, and every question answered the same day.' });
  }
  tally(rated.rating === null);

  // 7. Who has read what: older conversations are read, the latest news is not.
  const reads: [DemoUser, string][] = [
    [ana, conv('demo-order-1001')],
    [ana, conv('demo-order-1005')],
    [ana, conv('demo-order-1006')],
    [ana, conv('demo-order-1007')],
    [larkspur, conv('demo-order-1001')],
    [larkspur, conv('demo-order-1002')],
    [larkspur, conv('demo-order-1007')],
    [northwind, conv('demo-order-1004')],
    [northwind, conv('demo-order-1005')],
    [northwind, conv('demo-order-1006')],
    [northwind, benInquiryId],
    [ben, benInquiryId],
  ];
  for (const [who, conversationId] of reads) await call(who, 'POST', `/conversations/${conversationId}/read`, {});

  // 8. In-app notifications from the marketplace, beside the order notices.
  for (const n of NOTICES) {
    const requestId = fromName(`parley-demo:notification:${n.key}`);
    const reply = await call('backend', 'POST', '/notifications', {
      requestId,
      notificationType: n.type,
      channels: ['in-app'],
      recipient: { userId: n.to.userId },
      message: { inAppMessage: { title: n.title, body: n.body } },
    });
    tally(reply.headers['idempotent-replayed'] === undefined);
    summary.notifications++;
    noticeRequests.push({ requestId, read: n.read });
  }

  // 9. Some notifications read: those of older orders and a few of the marketplace's.
  summary.notificationsMarkedRead = await markRead(noticeRequests.filter((r) => r.read).map((r) => r.requestId), options.deliveryWaitMs ?? 15_000);

  // 10. Preferences, as each user sets them.
  await call(ana, 'PUT', `/users/${ana.userId}/preferences`, {
    preferences: {
      doNotDisturb: { enabled: true, startTime: '22:00', endTime: '07:00', timezone: 'Europe/Lisbon' },
      dailyLimits: { promotionalLimit: 2 },
      channels: { promotional: ['in-app'] },
    },
  });
  await call(ben, 'PUT', `/users/${ben.userId}/preferences`, { preferences: { optOut: { sms: true } } });
  await call(larkspur, 'PUT', `/users/${larkspur.userId}/preferences`, { preferences: { channels: { transactional: ['in-app', 'email'], promotional: [] } } });

  // 10b. The operators' suppression list: an address that bounced for good and one a customer
  // asked, by phone, never to be emailed at (409 when a run added them before).
  for (const entry of DEMO_SUPPRESSIONS) {
    const reply = await call('backend', 'POST', '/suppressions', entry, [201, 409]);
    tally(reply.status === 201);
  }

  // 11. The sellers' promotional campaigns, an unsubscribe, and the delivery reports of the
  // console providers: the KPI dashboards' figures (kpi-story.ts).
  const kpiStory = await seedKpiStory({
    call: (who, method, url, body) => call(who, method, url, body),
    db: options.db,
    consents: app.parley.consents,
    now,
    orderRequests: noticeRequests.map((r) => r.requestId),
    waitMs: options.deliveryWaitMs ?? 15_000,
    notes: summary.notes,
  });
  summary.notifications += kpiStory.sent;
  summary.added += kpiStory.added;
  summary.alreadyThere += kpiStory.sent + 1 - kpiStory.added;

  // 11b. Bulk messaging: Larkspur Ceramics' tier, imported customers with consent, a finished A/B
  // campaign with its winner and a scheduled one (campaign-story.ts).
  const campaignStory = await seedCampaignStory({
    call: (who, method, url, body) => call(who, method, url, body),
    db: options.db,
    expand: () => app.parley.campaigns.expansion.runDue(1_000),
    now,
    waitMs: options.deliveryWaitMs ?? 15_000,
    notes: summary.notes,
  });
  summary.added += campaignStory.added;
  summary.alreadyThere += campaignStory.alreadyThere;

  // 12. The background jobs the dashboards read: template and quick-reply use; then, with the
  // messages at their time in the story, analytics (and sentiment flags), so the figures come from those times.
  await app.parley.marketplace.jobs.run('template-usage');
  try {
    summary.messagesBackdated = await backdateMessages(options.db, written, config.marketplace.unreadReminderSeconds);
  } catch (error) {
    if (!(error instanceof BackdatingRefused)) throw error;
    summary.notes.push(error.message);
  }
  await app.parley.marketplace.jobs.run('analytics');
  return summary;

  /**
   * Waits (up to `waitMs`) for the in-app deliveries of these requests to reach the users'
   * feeds, then marks them read as each user. Without a notification worker in this process
   * (PARLEY_ROLES=api) they never arrive here, and nothing is marked.
   */
  async function markRead(requestIds: string[], waitMs: number): Promise<number> {
    const deadline = Date.now() + waitMs;
    const byUser = new Map<string, string[]>();
    const unopened = new Set<string>();
    let pending = [...requestIds];
    for (;;) {
      const still: string[] = [];
      for (const requestId of pending) {
        const reply = await call('backend', 'GET', `/notifications/${requestId}`);
        const inApp = (reply.body.deliveries as { channel: string; status: string; logId: string; sendTime: string | null; nextAttemptAt?: string | null }[]).find((d) => d.channel === 'in-app');
        if (!inApp) continue;
        if (VISIBLE_IN_APP.includes(inApp.status)) byUser.set(reply.body.userId, [...(byUser.get(reply.body.userId) ?? []), inApp.logId]);
        if (VISIBLE_IN_APP.includes(inApp.status) && !(inApp as { openedAt?: string | null }).openedAt) unopened.add(inApp.logId);
        else if (waitingForWorker(inApp)) still.push(requestId);
      }
      pending = still;
      if (pending.length === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (pending.length) summary.notes.push(`${pending.length} in-app notifications were not delivered within ${Math.round(waitMs / 1000)} s (is this process a notification worker?); they stay unread.`);
    let marked = 0;
    for (const [userId, logIds] of byUser) {
      const u = DEMO_USERS.find((d) => d.userId === userId)!;
      marked += (await call(u, 'POST', '/me/notifications/read', { logIds })).body.marked as number;
      // Read in the notification centre, so opened there: the delivery dashboard shows these opens.
      for (const logId of logIds.filter((id) => unopened.has(id))) await call(u, 'POST', `/notifications/${logId}/opened`, {});
    }
    return marked;
  }
}

/** One line for the log: what the demo holds, and whether this run added it. */
export function describeSeed(summary: DemoSeedSummary): string {
  const what = `${summary.users} users, ${summary.orders} orders (${summary.orderEvents} events), ${summary.conversations} conversations, ${summary.messages} messages, ${summary.templates} templates, ${summary.quickReplies} quick replies, ${summary.notifications} notifications, ${summary.disputes} dispute`;
  return summary.added === 0 ? `demo: already seeded (${what}); nothing added` : `demo: seeded ${what}`;
}
