import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { placeOrder } from './marketplace.ts';
import { eventually, type TestParley } from './parley.ts';

export const uid = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

export interface Customer {
  userId: string;
  name?: string;
  email?: string;
  locale?: string;
  /** Channels they opt in to for the vendor's promotions. */
  optIn: string[];
}

/** A vendor's customer: an order from the vendor, their contact, and their consents to the vendor's promotions. */
export async function addCustomer(parley: TestParley, vendorId: string, c: Customer): Promise<void> {
  await placeOrder(parley, { buyer: { userId: c.userId, ...(c.name ? { name: c.name } : {}) }, seller: { userId: vendorId, name: 'Mug Shop' } });
  const contact = { ...(c.name ? { name: c.name } : {}), ...(c.email ? { email: c.email } : {}), ...(c.locale ? { locale: c.locale } : {}) };
  if (Object.keys(contact).length) expect((await parley.request('PUT', `/users/${c.userId}/contact`, { body: contact })).status).toBe(200);
  for (const channel of c.optIn) {
    const given = await parley.request('POST', `/users/${c.userId}/consents`, { body: { vendorId, channel, granted: true, source: 'checkout', textShown: 'Send me offers from Mug Shop' } });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
  }
}

/** A campaign body: in-app (and email) templates greeting the customer by first name. */
export function campaignBody(vendorId: string, overrides: Record<string, unknown> = {}) {
  return {
    vendorId,
    name: 'Spring sale',
    channels: [
      { channel: 'in-app', templates: [{ locale: 'en', content: { title: 'Spring sale', body: 'Hello {{ customer.firstName }}, 20% off all mugs.' } }, { locale: 'de', content: { title: 'Frühlingsangebot', body: 'Hallo {{ customer.firstName }}, 20 % auf alle Becher.' } }] },
      { channel: 'email', templates: [{ locale: 'en', content: { subject: 'Spring sale, {{ customer.firstName }}', text: '20% off all mugs until Sunday.' } }] },
    ],
    audience: { segment: {} },
    ...overrides,
  };
}

/** Runs the campaign expansion until it has nothing due. */
export async function expand(parley: TestParley): Promise<void> {
  await parley.app.parley.campaigns.jobs.runAll();
}

/** A campaign's notification rows, as stored. */
export async function campaignNotifications(parley: TestParley, campaignId: string) {
  return parley.db.selectFrom('notification_logs').selectAll().where(sql`metadata->>'campaignId'`, '=', campaignId).orderBy('user_id').orderBy('channel').execute();
}

/** Waits until none of a campaign's notifications waits to go out any more (queued, on standby or being sent). */
export async function campaignSent(parley: TestParley, campaignId: string): Promise<void> {
  await eventually(async () => (await campaignNotifications(parley, campaignId)).every((r) => !['queued', 'standby', 'sending'].includes(r.status)), 'the campaign\'s notifications gone out', 20_000);
}

/** Row counts of what a campaign request could write: campaigns, their recipients, notifications. */
export async function campaignState(parley: TestParley): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['campaigns', 'campaign_recipients', 'notification_logs'] as const) {
    const row = await parley.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
