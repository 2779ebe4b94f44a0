import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestParley } from './parley.ts';

export interface Party {
  userId: string;
  name?: string;
  email?: string;
  phoneNumber?: string;
}

/** Posts an order event as the marketplace backend; a fresh eventId unless one is given. */
export async function orderEvent(parley: TestParley, type: string, orderId: string, fields: Record<string, unknown> = {}) {
  return parley.request('POST', '/marketplace/orders/events', { body: { eventId: `evt-${randomUUID()}`, type, orderId, ...fields } });
}

/** Posts an order event that must be applied (201), and returns the result. */
export async function applied(parley: TestParley, type: string, orderId: string, fields: Record<string, unknown> = {}) {
  const reply = await orderEvent(parley, type, orderId, fields);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

/** Places an order between a buyer and a seller; the order's conversation is created with it. */
export async function placeOrder(
  parley: TestParley,
  options: { orderId?: string; buyer?: Party; seller?: Party; items?: Record<string, unknown>[]; total?: number; currency?: string } = {},
) {
  const orderId = options.orderId ?? `order-${randomUUID().slice(0, 8)}`;
  const body = await applied(parley, 'placed', orderId, {
    buyer: options.buyer ?? { userId: 'buyer-1', name: 'Ana' },
    seller: options.seller ?? { userId: 'seller-1', name: 'Shop One' },
    order: { total: options.total ?? 59.9, currency: options.currency ?? 'EUR', items: options.items ?? [{ productId: 'prod-1', title: 'Blue mug', quantity: 2, unitPrice: 29.95 }] },
  });
  return { orderId, conversationId: body.conversationId as string, result: body };
}

export const payment = (amount = 59.9, currency = 'EUR') => ({ payment: { amount, currency, paymentId: `pay-${randomUUID().slice(0, 6)}` } });
export const shipment = (trackingNumber = '1Z999AA10123456784') => ({ shipment: { carrier: 'UPS', trackingNumber, trackingUrl: `https://www.ups.com/track?tracknum=${trackingNumber}` } });

/** Takes an order from placed to delivered. */
export async function deliveredOrder(parley: TestParley, options: Parameters<typeof placeOrder>[1] = {}) {
  const placed = await placeOrder(parley, options);
  await applied(parley, 'paid', placed.orderId, payment());
  await applied(parley, 'shipped', placed.orderId, shipment());
  await applied(parley, 'delivered', placed.orderId);
  return placed;
}

/** Every message of a conversation, as the operator sees them, oldest first. */
export async function allMessages(parley: TestParley, conversationId: string): Promise<any[]> {
  const reply = await parley.request('GET', `/conversations/${conversationId}/messages?limit=200`);
  expect(reply.status).toBe(200);
  return reply.body.messages;
}

/** The notification rows of one request, as stored. */
export async function notificationRows(parley: TestParley, requestId: string) {
  return parley.db.selectFrom('notification_logs').selectAll().where('request_id', '=', requestId).orderBy('channel').execute();
}

/** Runs one of the marketplace's background jobs now. */
export function runJob(parley: TestParley, name: string): Promise<number> {
  return parley.app.parley.marketplace.jobs.run(name);
}

/** Settings that keep background rounds from running on their own during a test. */
export const quietJobs = { PARLEY_JOB_INTERVAL_MS: '3600000', PARLEY_ANALYTICS_INTERVAL_SECONDS: '3600' };
