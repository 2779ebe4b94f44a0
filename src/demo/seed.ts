import { sql } from 'kysely';
import type { App } from '../http/instance.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import { systemSenderId } from '../messages/service.ts';
import { fromName } from '../uuid.ts';
import { signDemoToken } from './routes.ts';
import { DEMO_MODERATOR_ID, DEMO_USERS, type DemoUser } from './users.ts';

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

const user = (id: string): DemoUser => DEMO_USERS.find((u) => u.userId === id)!;
const ana = user('demo-buyer-ana');
const ben = user('demo-buyer-ben');
const chloe = user('demo-buyer-chloe');
const larkspur = user('demo-seller-larkspur');
const northwind = user('demo-seller-northwind');
const sam = user(DEMO_MODERATOR_ID);

const VISIBLE_IN_APP = ['sent', 'delivered', 'read', 'clicked', 'opened'];

interface OrderStep {
  type: 'placed' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';
  /** When it happened, days before the first seeding run; left out: when it is sent. */
  daysAgo?: number;
  fields?: Record<string, unknown>;
}

interface DemoOrder {
  orderId: string;
  buyer: DemoUser;
  seller: DemoUser;
  total: number;
  items: { productId: string; title: string; quantity: number; unitPrice: number }[];
  steps: OrderStep[];
  /** Whose order notices are marked read once delivered: older orders are read, recent ones not. */
  noticesRead?: boolean;
}

const dhl = (n: string) => ({ carrier: 'DHL', trackingNumber: n, trackingUrl: `https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?tracking-id=${n}` });
const ups = (n: string) => ({ carrier: 'UPS', trackingNumber: n, trackingUrl: `https://www.ups.com/track?tracknum=${n}` });

const ORDERS: DemoOrder[] = [
  {
    orderId: 'demo-order-1001',
    buyer: ana,
    seller: larkspur,
    total: 48,
    items: [{ productId: 'demo-prod-speckled-mug', title: 'Speckled stoneware mug', quantity: 2, unitPrice: 24 }],
    steps: [
      { type: 'placed', daysAgo: 12 },
      { type: 'paid', daysAgo: 12 },
      { type: 'shipped', daysAgo: 10, fields: { shipment: dhl('JD014600006281230011') } },
      { type: 'delivered', daysAgo: 7 },
    ],
    noticesRead: true,
  },
  {
    orderId: 'demo-order-1002',
    buyer: ana,
    seller: larkspur,
    total: 64,
    items: [{ productId: 'demo-prod-serving-bowl', title: 'Hand-thrown serving bowl', quantity: 1, unitPrice: 64 }],
    steps: [
      { type: 'placed', daysAgo: 4 },
      { type: 'paid', daysAgo: 4 },
      { type: 'shipped', daysAgo: 1, fields: { shipment: dhl('JD014600006281230027') } },
    ],
  },
  {
    orderId: 'demo-order-1003',
    buyer: ana,
    seller: larkspur,
    total: 96,
    items: [{ productId: 'demo-prod-celadon-plates', title: 'Celadon dinner plates, set of 4', quantity: 1, unitPrice: 96 }],
    steps: [
      { type: 'placed', daysAgo: 9 },
      { type: 'paid', daysAgo: 9 },
      { type: 'shipped', daysAgo: 7, fields: { shipment: ups('1Z999AA10123456784') } },
      { type: 'delivered', daysAgo: 2 },
    ],
  },
  {
    orderId: 'demo-order-1004',
    buyer: ana,
    seller: northwind,
    total: 36,
    items: [{ productId: 'demo-prod-merino-socks', title: 'Merino hiking socks, 3 pairs', quantity: 1, unitPrice: 36 }],
    steps: [
      { type: 'placed', daysAgo: 1 },
      { type: 'paid', daysAgo: 1 },
    ],
  },
  {
    orderId: 'demo-order-1005',
    buyer: ana,
    seller: northwind,
    total: 129,
    items: [{ productId: 'demo-prod-rain-jacket', title: 'Packable rain jacket, size M', quantity: 1, unitPrice: 129 }],
    steps: [
      { type: 'placed', daysAgo: 15 },
      { type: 'paid', daysAgo: 15 },
      { type: 'refunded', daysAgo: 14, fields: { refund: { amount: 129, currency: 'EUR', reason: 'Sold out in size M before it was packed.' } } },
    ],
    noticesRead: true,
  },
  {
    orderId: 'demo-order-1006',
    buyer: ana,
    seller: northwind,
    total: 59,
    items: [{ productId: 'demo-prod-trekking-poles', title: 'Carbon trekking poles, pair', quantity: 1, unitPrice: 59 }],
    steps: [
      { type: 'placed', daysAgo: 5 },
      { type: 'cancelled', daysAgo: 5, fields: { cancellation: { reason: 'The buyer ordered the wrong length.' } } },
    ],
    noticesRead: true,
  },
  {
    orderId: 'demo-order-1007',
    buyer: ana,
    seller: larkspur,
    total: 28,
    items: [{ productId: 'demo-prod-bud-vase', title: 'Bud vase, ash glaze', quantity: 1, unitPrice: 28 }],
    steps: [{ type: 'placed', daysAgo: 0.1 }],
  },
  {
    // Placed after Ben's product question, for the product he asked about: it converts the inquiry.
    orderId: 'demo-order-1008',
    buyer: ben,
    seller: northwind,
    total: 349,
    items: [{ productId: 'demo-prod-trailhead-tent', title: 'Trailhead 2P ultralight tent', quantity: 1, unitPrice: 349 }],
    // 45 minutes before the first run: Ben's question comes before it, his messages about the order after it.
    steps: [
      { type: 'placed', daysAgo: 45 / 1440 },
      { type: 'paid', daysAgo: 45 / 1440 },
    ],
  },
];

const minutes = 60_000;
const hours = 60 * minutes;

/**
 * When each demo message (by its key, as in its clientMessageId `demo:<key>`) was written in the
 * story: `after` an order event (its eventId) by `by` milliseconds, or `ago` milliseconds before
 * the first seeding run. Within a conversation they follow its order events and each other in
 * the order they are sent. Sam's message in the dispute is not here: it is written as the dispute
 * opens, while seeding runs.
 */
const MESSAGE_TIMES: Record<string, { after: string; by: number } | { ago: number }> = {
  // Ben asks about the tent, Northwind answers 12 minutes later, Ben orders a few minutes after.
  'inquiry-ben-tent': { ago: 70 * minutes },
  'inquiry-ben-tent-2': { ago: 58 * minutes },
  'inquiry-ben-tent-3': { ago: 52 * minutes },
  // Chloé's question, unanswered for a few hours.
  'inquiry-chloe-vase': { ago: 3 * hours + 20 * minutes },
  // The mugs arrive; Larkspur's thanks come the next day: the late answer (over 24 hours).
  '1001-1': { after: 'demo-order-1001-delivered', by: 4 * hours },
  '1001-2': { after: 'demo-order-1001-delivered', by: 30 * hours },
  // Ana asks the evening after the bowl shipped; Larkspur answers 2 h 40 min later (unread).
  '1002-1': { after: 'demo-order-1002-shipped', by: 3 * hours },
  '1002-2': { after: 'demo-order-1002-shipped', by: 5 * hours + 40 * minutes },
  // Cracked plates on the delivered day, a question 12 minutes later; two days of silence, then anger.
  '1003-1': { after: 'demo-order-1003-delivered', by: 2 * hours },
  '1003-2': { after: 'demo-order-1003-delivered', by: 2 * hours + 12 * minutes },
  '1003-3': { ago: 25 * minutes },
  // Shipping question the day the socks were paid; the quick reply 1 h 25 min later (unread).
  '1004-1': { after: 'demo-order-1004-paid', by: 40 * minutes },
  '1004-2': { after: 'demo-order-1004-paid', by: 2 * hours + 5 * minutes },
  '1005-1': { after: 'demo-order-1005-refunded', by: 5 * minutes },
  '1005-2': { after: 'demo-order-1005-refunded', by: 2 * hours + 15 * minutes },
  '1006-1': { after: 'demo-order-1006-cancelled', by: 10 * minutes },
  '1006-2': { after: 'demo-order-1006-cancelled', by: 57 * minutes },
  '1007-1': { after: 'demo-order-1007-placed', by: 25 * minutes },
  // The latest news: Ben's message just after his order, Northwind's answer 22 minutes later (unread by Ben).
  '1008-1': { after: 'demo-order-1008-paid', by: 3 * minutes },
  '1008-2': { after: 'demo-order-1008-paid', by: 25 * minutes },
};

interface DemoTemplate {
  name: string;
  content: string;
  category: string;
  shortcut: string | null;
}

const TEMPLATES: Record<string, DemoTemplate[]> = {
  [larkspur.userId]: [
    {
      name: 'Order shipped',
      content: 'Hi {{buyer_name}}, your order {{order_id}} is on its way with {{carrier}}! Its tracking number is {{tracking_number}}; the order page has the tracking link.',
      category: 'shipping',
      shortcut: 'Alt+S',
    },
    {
      name: 'Thanks for your order',
      content: 'Thank you for your order {{order_id}}, {{buyer_name}}! Every piece is packed by hand; I will let you know as soon as it ships.',
      category: 'thanks',
      shortcut: 'Alt+T',
    },
    {
      name: 'Short delay',
      content: 'Hi {{buyer_name}}, I am sorry: order {{order_id}} ({{product_title}}) needs two more days in the kiln. It ships this week. Thank you for your patience!',
      category: 'delay',
      shortcut: 'Alt+D',
    },
    {
      name: 'About this piece',
      content: 'Hi {{buyer_name}}, thanks for asking about {{product_title}}! Each piece is thrown by hand, so sizes vary by a few millimetres.',
      category: 'inquiry',
      shortcut: null,
    },
  ],
  [northwind.userId]: [
    {
      name: 'Order shipped',
      content: 'Good news {{buyer_name}}: order {{order_id}} shipped with {{carrier}}, tracking number {{tracking_number}}.',
      category: 'shipping',
      shortcut: 'Alt+S',
    },
    {
      name: 'Order received',
      content: 'Thanks {{buyer_name}}! We received order {{order_id}} ({{order_total}}) and will ship it within one working day.',
      category: 'thanks',
      shortcut: 'Ctrl+Alt+1',
    },
  ],
};

interface DemoQuickReply {
  content: string;
  triggers: string[];
  category: string;
}

const QUICK_REPLIES: Record<string, DemoQuickReply[]> = {
  [larkspur.userId]: [
    { content: 'Shipping within the EU takes 3–5 working days and costs 6.90 EUR; orders over 80 EUR ship free.', triggers: ['shipping', 'how long', 'delivery', 'cost'], category: 'shipping' },
    { content: 'Yes, it is in stock and ready to ship within two working days.', triggers: ['available', 'in stock', 'still available'], category: 'inquiry' },
    { content: 'Every piece is dishwasher and microwave safe.', triggers: ['dishwasher', 'microwave', 'oven'], category: 'inquiry' },
    { content: 'You can return unused pieces within 30 days: message me and I will send you a return label.', triggers: ['return', 'refund', 'exchange'], category: 'returns' },
  ],
  [northwind.userId]: [
    { content: 'Orders paid before 2 pm ship the same day; delivery within Europe takes 2–4 working days.', triggers: ['ship', 'shipping', 'delivery', 'how long'], category: 'shipping' },
    { content: 'Yes, it is in stock and ships within one working day.', triggers: ['available', 'in stock'], category: 'inquiry' },
  ],
};

interface DemoNotice {
  key: string;
  to: DemoUser;
  type: 'transactional' | 'promotional' | 'systemAlert';
  title: string;
  body: string;
  read: boolean;
}

const NOTICES: DemoNotice[] = [
  { key: 'ana-spring-sale', to: ana, type: 'promotional', title: 'Spring ceramics week', body: '15% off handmade ceramics at Larkspur Ceramics until Sunday.', read: false },
  { key: 'ana-buyer-protection', to: ana, type: 'systemAlert', title: 'Buyer protection', body: 'Every order is covered: if something arrives damaged, open a dispute from the order and a moderator will help.', read: true },
  { key: 'larkspur-payout', to: larkspur, type: 'transactional', title: 'Payout sent', body: '184.50 EUR is on its way to your bank account.', read: false },
  { key: 'larkspur-quick-replies', to: larkspur, type: 'systemAlert', title: 'New: suggested replies', body: 'Add trigger words to your quick replies and Parley suggests them as buyers write.', read: true },
  { key: 'northwind-payout', to: northwind, type: 'transactional', title: 'Payout sent', body: '395.00 EUR is on its way to your bank account.', read: true },
];

/** Fills a demo marketplace into a freshly built app (before or after it listens). */
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
  await say(ana, conv('demo-order-1005'), '1005-2', 'No problem, thanks for the quick refund.');

  await say(ana, conv('demo-order-1006'), '1006-1', 'Sorry, I picked the wrong length and cancelled. I will order the 130 cm ones instead.');
  await say(northwind, conv('demo-order-1006'), '1006-2', 'No worries at all, Ana!');

  await sendTemplate(larkspur, conv('demo-order-1007'), '1007-1', 'Thanks for your order');

  // A phone number: Northwind Outfitters sees it masked, Ben and the moderators as written.
  await say(ben, conv('demo-order-1008'), '1008-1', 'Just ordered the tent! If the courier needs directions, call me at (415) 555-0134.');
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

  // 11. The background jobs the dashboards read: template and quick-reply use; then, with the
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
    let pending = [...requestIds];
    for (;;) {
      const still: string[] = [];
      for (const requestId of pending) {
        const reply = await call('backend', 'GET', `/notifications/${requestId}`);
        const inApp = (reply.body.deliveries as { channel: string; status: string; logId: string }[]).find((d) => d.channel === 'in-app');
        if (!inApp) continue;
        if (VISIBLE_IN_APP.includes(inApp.status)) byUser.set(reply.body.userId, [...(byUser.get(reply.body.userId) ?? []), inApp.logId]);
        else if (['queued', 'sending', 'standby'].includes(inApp.status)) still.push(requestId);
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
    }
    return marked;
  }
}

interface WrittenMessage {
  key: string;
  conversationId: string;
  senderId: string;
}

/** Backdating found the messages in an order it cannot keep; nothing was moved. */
class BackdatingRefused extends Error {}

/**
 * Moves the demo messages to their time in the story (MESSAGE_TIMES), and the system message of
 * each order event to the time the event occurred, with every time that derives from them.
 *
 * Demo data only. Messages cannot be backdated through the API (it stamps them as they are
 * written), and the dashboards need real-looking gaps: response times, the 24-hour rate and the
 * daily volume all come from `messages.created_at`. So the messages are written through the API
 * like everything else, and right after their timestamps are moved here, in one transaction:
 *
 * - `messages.created_at`: only of messages still later than their story time, so a second run
 *   (or a restart of demo mode) moves nothing again. Story times count from the first run, which
 *   the stored order events give back (their occurredAt was counted from it).
 * - `conversations`: `created_at` (no later than the first message), `last_message_at` (the
 *   last message's) and `updated_at` (the last message, or the inquiry's conversion by an order).
 * - `conversation_participants`: the buyer's and seller's `joined_at` (when the conversation
 *   began), and `reminder_due_at`, due the configured delay after the first unread message typed
 *   by someone else, as sending it would have set it. Read marks are sequence numbers (no times)
 *   and stay as they are: whoever wrote has read up to their message (`say`), and a participant
 *   who read to the end has no reminder, so none is set for them.
 * - Analytics taken in before the move (`conversation_analytics`, `conversation_responses`,
 *   `conversation_daily_stats`) are dropped for these conversations; the analytics job counts
 *   them again from the moved times.
 * - `last_used_at` of the templates and quick replies the moved messages used.
 *
 * Within a conversation times must rise with seq; if they would not (a data directory seeded by
 * another version, say), nothing is moved and BackdatingRefused says why.
 */
async function backdateMessages(db: Db, written: WrittenMessage[], reminderSeconds: number): Promise<number> {
  const orderIds = ORDERS.map((o) => o.orderId);
  return db.transaction().execute(async (trx) => {
    const events = await trx.selectFrom('order_events').select(['event_id', 'occurred_at']).where('order_id', 'in', orderIds).execute();
    const occurred = new Map(events.map((e) => [e.event_id, new Date(e.occurred_at).getTime()]));
    // The first run's "now": every backdated order event was counted from it.
    const anchor = ORDERS.flatMap((o) => o.steps.map((step) => ({ eventId: `${o.orderId}-${step.type}`, daysAgo: step.daysAgo }))).find((a) => a.daysAgo !== undefined && occurred.has(a.eventId));
    if (!anchor) throw new BackdatingRefused('The demo messages keep the times they were written at: no backdated order event was found to count their times from.');
    const firstRun = occurred.get(anchor.eventId)! + anchor.daysAgo! * 86_400_000;

    const targets: { conversationId: string; senderId: string; clientMessageId: string; at: string }[] = [];
    for (const w of written) {
      const when = MESSAGE_TIMES[w.key];
      if (!when) continue;
      const base = 'ago' in when ? firstRun - when.ago : occurred.get(when.after);
      if (base === undefined) continue;
      const at = 'ago' in when ? base : base + when.by;
      targets.push({ conversationId: w.conversationId, senderId: w.senderId, clientMessageId: `demo:${w.key}`, at: new Date(at).toISOString() });
    }

    // The system message each order event posted, at the time the event occurred.
    const systemMoved = await sql<{ id: string; conversation_id: string }>`
      UPDATE messages m SET created_at = e.occurred_at
        FROM order_events e
       WHERE e.message_id = m.id AND e.order_id = ANY(${orderIds}::text[]) AND m.created_at > e.occurred_at
   RETURNING m.id, m.conversation_id`.execute(trx);
    // What the buyers and sellers wrote, at its time in the story.
    const typedMoved = targets.length
      ? await sql<{ id: string; conversation_id: string }>`
      UPDATE messages m SET created_at = v.at
        FROM unnest(${targets.map((t) => t.conversationId)}::uuid[], ${targets.map((t) => t.senderId)}::text[],
                    ${targets.map((t) => t.clientMessageId)}::text[], ${targets.map((t) => t.at)}::timestamptz[]) AS v(conversation_id, sender_id, client_message_id, at)
       WHERE m.conversation_id = v.conversation_id AND m.sender_id = v.sender_id AND m.client_message_id = v.client_message_id
         AND m.created_at > v.at
   RETURNING m.id, m.conversation_id`.execute(trx)
      : { rows: [] };
    const moved = [...systemMoved.rows, ...typedMoved.rows];
    if (moved.length === 0) return 0;
    const affected = [...new Set(moved.map((m) => m.conversation_id))];

    const outOfOrder = await sql<{ conversation_id: string; seq: number }>`
      SELECT conversation_id, seq FROM (
        SELECT conversation_id, seq, created_at < lag(created_at) OVER (PARTITION BY conversation_id ORDER BY seq) AS earlier
          FROM messages WHERE conversation_id = ANY(${affected}::uuid[])
      ) t WHERE earlier LIMIT 1`.execute(trx);
    if (outOfOrder.rows[0]) {
      const { conversation_id, seq } = outOfOrder.rows[0];
      throw new BackdatingRefused(`The demo messages keep the times they were written at: moved, message ${seq} of conversation ${conversation_id} would be older than the one before it.`);
    }

    await sql`
      UPDATE conversations c
         SET created_at = least(c.created_at, f.first_at), last_message_at = f.last_at, updated_at = greatest(f.last_at, c.converted_at)
        FROM (SELECT conversation_id, min(created_at) AS first_at, max(created_at) AS last_at
                FROM messages WHERE conversation_id = ANY(${affected}::uuid[]) GROUP BY conversation_id) f
       WHERE c.id = f.conversation_id`.execute(trx);
    await sql`
      UPDATE conversation_participants p SET joined_at = c.created_at
        FROM conversations c
       WHERE c.id = p.conversation_id AND p.conversation_id = ANY(${affected}::uuid[]) AND p.role IN ('buyer', 'seller') AND p.joined_at > c.created_at`.execute(trx);
    // A pending reminder falls due the configured delay after the first unread message someone typed.
    await sql`
      UPDATE conversation_participants p SET reminder_due_at = u.first_at + make_interval(secs => ${reminderSeconds}::int)
        FROM (SELECT r.conversation_id, r.user_id, min(m.created_at) AS first_at
                FROM conversation_participants r
                JOIN messages m ON m.conversation_id = r.conversation_id AND m.seq > r.last_read_seq AND m.sender_id <> r.user_id
                               AND m.sender_id <> ${systemSenderId} AND NOT m.is_automated AND m.deleted_at IS NULL
               WHERE r.conversation_id = ANY(${affected}::uuid[]) AND r.reminder_due_at IS NOT NULL
               GROUP BY r.conversation_id, r.user_id) u
       WHERE p.conversation_id = u.conversation_id AND p.user_id = u.user_id`.execute(trx);

    // Figures the analytics job may have taken in from the old times: it counts these conversations again.
    await trx.deleteFrom('conversation_responses').where('conversation_id', 'in', affected).execute();
    await trx.deleteFrom('conversation_daily_stats').where('conversation_id', 'in', affected).execute();
    await trx.deleteFrom('conversation_analytics').where('conversation_id', 'in', affected).execute();

    const movedIds = moved.map((m) => m.id);
    for (const [table, key] of [['message_templates', 'templateId'], ['quick_replies', 'quickReplyId']] as const) {
      await sql`
        UPDATE ${sql.table(table)} t
           SET last_used_at = (SELECT max(m.created_at) FROM messages m WHERE m.sender_id = t.seller_id AND m.metadata->>${key} = t.id::text)
         WHERE t.id::text IN (SELECT m.metadata->>${key} FROM messages m WHERE m.id = ANY(${movedIds}::uuid[]) AND m.metadata->>${key} IS NOT NULL)`.execute(trx);
    }
    return moved.length;
  });
}

/** One line for the log: what the demo holds, and whether this run added it. */
export function describeSeed(summary: DemoSeedSummary): string {
  const what = `${summary.users} users, ${summary.orders} orders (${summary.orderEvents} events), ${summary.conversations} conversations, ${summary.messages} messages, ${summary.templates} templates, ${summary.quickReplies} quick replies, ${summary.notifications} notifications, ${summary.disputes} dispute`;
  return summary.added === 0 ? `demo: already seeded (${what}); nothing added` : `demo: seeded ${what}`;
}
