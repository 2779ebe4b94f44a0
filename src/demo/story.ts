import { DEMO_MODERATOR_ID, DEMO_USERS, type DemoUser } from './users.ts';

/**
 * Demo mode's story: the orders and their events, when each message was written in the story,
 * the sellers' templates and quick replies, and the notices. The seeding (seed.ts) writes it
 * through the API; the backdating (backdate.ts) moves the messages to their time in it.
 */

const user = (id: string): DemoUser => DEMO_USERS.find((u) => u.userId === id)!;
export const ana = user('demo-buyer-ana');
export const ben = user('demo-buyer-ben');
export const chloe = user('demo-buyer-chloe');
export const larkspur = user('demo-seller-larkspur');
export const northwind = user('demo-seller-northwind');
export const sam = user(DEMO_MODERATOR_ID);


export interface OrderStep {
  type: 'placed' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';
  /** When it happened, days before the first seeding run; left out: when it is sent. */
  daysAgo?: number;
  fields?: Record<string, unknown>;
}

export interface DemoOrder {
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

export const ORDERS: DemoOrder[] = [
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
export const MESSAGE_TIMES: Record<string, { after: string; by: number } | { ago: number }> = {
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
  '1008-voice': { after: 'demo-order-1008-paid', by: 4 * minutes },
  '1008-2': { after: 'demo-order-1008-paid', by: 25 * minutes },
};

export interface DemoTemplate {
  name: string;
  content: string;
  category: string;
  shortcut: string | null;
}

export const TEMPLATES: Record<string, DemoTemplate[]> = {
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

export interface DemoQuickReply {
  content: string;
  triggers: string[];
  category: string;
}

export const QUICK_REPLIES: Record<string, DemoQuickReply[]> = {
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

export interface DemoNotice {
  key: string;
  to: DemoUser;
  type: 'transactional' | 'promotional' | 'systemAlert';
  title: string;
  body: string;
  read: boolean;
}

export const NOTICES: DemoNotice[] = [
  { key: 'ana-spring-sale', to: ana, type: 'promotional', title: 'Spring ceramics week', body: '15% off handmade ceramics at Larkspur Ceramics until Sunday.', read: false },
  { key: 'ana-buyer-protection', to: ana, type: 'systemAlert', title: 'Buyer protection', body: 'Every order is covered: if something arrives damaged, open a dispute from the order and a moderator will help.', read: true },
  { key: 'larkspur-payout', to: larkspur, type: 'transactional', title: 'Payout sent', body: '184.50 EUR is on its way to your bank account.', read: false },
  { key: 'larkspur-quick-replies', to: larkspur, type: 'systemAlert', title: 'New: suggested replies', body: 'Add trigger words to your quick replies and Parley suggests them as buyers write.', read: true },
  { key: 'northwind-payout', to: northwind, type: 'transactional', title: 'Payout sent', body: '395.00 EUR is on its way to your bank account.', read: true },
];

/** Fills a demo marketplace into a freshly built app (before or after it listens). */
