import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backdateMessagesById } from '../src/messages/sql/backdateMessages.ts';
import { insertDeliveries } from '../src/notifications/deliveries/sql/insertDeliveries.ts';
import { recordClick } from '../src/notifications/deliveries/sql/recordClick.ts';
import { recordOpen } from '../src/notifications/deliveries/sql/recordOpen.ts';
import { createPreferences } from '../src/notifications/preferences/user-preferences.ts';
import { hourOfWeek } from '../src/send-times/hour-of-week.ts';
import { createSendTimePlanner, type SendTimePlanner } from '../src/send-times/send-time-planner.ts';
import { sendTimeReaders } from '../src/send-times/send-time-readers.ts';
import { v7 } from '../src/uuid.ts';
import { backends } from './support/backends.ts';
import { orderConversation, sendMessage, startParley, type TestParley } from './support/parley.ts';

const H = 3_600_000;
const DAY = 24 * H;
const user = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const TUE_17 = 24 + 17;
const WED_23 = 2 * 24 + 23;
const THU_07 = 3 * 24 + 7;
const THU_09 = 3 * 24 + 9;

/** The UTC hour start at which the local hour of the week `how` begins in `timezone`, in the week from `monday` (00:00 UTC). */
function localHour(monday: Date, how: number, timezone: string): Date {
  for (let t = monday.getTime() - DAY; t < monday.getTime() + 8 * DAY; t += H) {
    if (hourOfWeek(new Date(t), timezone) === how) return new Date(t);
  }
  throw new Error(`no hour ${how} in ${timezone}`);
}

/** The first time from `from` on that is in the local hour of the week `how`: `from` itself, or an hour start. */
function nextLocalHour(from: Date, how: number, timezone: string): Date {
  if (hourOfWeek(from, timezone) === how) return from;
  for (let t = Math.ceil(from.getTime() / H) * H; ; t += H) if (hourOfWeek(new Date(t), timezone) === how) return new Date(t);
}

describe.each(backends)('send-time planning on $name', (backend) => {
  let parley: TestParley;
  let planner: SendTimePlanner;
  // Plans start next Monday (00:00 UTC); activity lies in the weeks before this one.
  const thisMonday = new Date(Math.floor((Date.now() - 4 * DAY) / (7 * DAY)) * 7 * DAY + 4 * DAY);
  const from = new Date(thisMonday.getTime() + 7 * DAY);
  const weeksBack = (k: number) => new Date(thisMonday.getTime() - k * 7 * DAY);
  const [ana, ben, cara, seller] = [user('ana'), user('ben'), user('cara'), user('seller')];

  /** A delivered in-app notification to `userId`, answered by its log id. */
  async function delivery(userId: string): Promise<string> {
    const logId = v7();
    await insertDeliveries(
      parley.db,
      [{ log_id: logId, request_id: v7(), user_id: userId, channel: 'in-app', notification_type: 'promotional', status: 'sent', due_at: new Date(), priority: 0, max_retries: 0, step: 0, request_hash: 'h', recipient: '{}', content: '{"title":"Sale"}', metadata: '{}' }],
      new Date(),
    );
    return logId;
  }
  const open = (logId: string, at: Date, machine = false) => recordOpen(parley.db, { logId, source: 'app', machine, machineReason: machine ? 'scanner_agent' : null, userAgent: null, at });
  const click = (logId: string, at: Date) => recordClick(parley.db, { logId, source: 'app', machine: false, machineReason: null, userAgent: null, at, linkIndex: 0, url: 'https://shop.example/sale' });

  /** Messages written by `as` in a conversation, moved back to these times. */
  async function messagesAt(conversationId: string, as: string, role: 'buyer' | 'seller', times: Date[]) {
    const moves = [];
    for (const at of times) {
      const sent = await sendMessage(parley, conversationId, `Hello at ${at.toISOString()}`, { as, ...(role === 'seller' ? { role: 'seller' as const } : {}) });
      expect(sent.status).toBe(201);
      moves.push({ id: sent.body.messageId as string, at });
    }
    expect(await backdateMessagesById(parley.db, moves)).toHaveLength(times.length);
  }

  async function setPreferences(userId: string, body: unknown) {
    const { status, body: answer } = await parley.request('PUT', `/users/${userId}/preferences`, { as: userId, body: { preferences: body } });
    expect(status, JSON.stringify(answer)).toBe(200);
  }

  beforeAll(async () => {
    parley = await startParley(backend);
    planner = createSendTimePlanner(sendTimeReaders(parley.db, createPreferences({ db: parley.db, latestDailyCount: async () => undefined })));
    const quiet = { enabled: true, startTime: '22:00', endTime: '07:00', timezone: 'Europe/Berlin' };
    await setPreferences(ana, { doNotDisturb: quiet });
    await setPreferences(cara, { doNotDisturb: quiet });

    // Ana: on Tuesdays at 17:00 in Berlin she opens, clicks and writes; once she opened on a Thursday morning.
    const [first, second, third] = [await delivery(ana), await delivery(ana), await delivery(ana)];
    await open(first, localHour(weeksBack(2), TUE_17, 'Europe/Berlin'));
    await open(first, new Date(localHour(weeksBack(2), TUE_17, 'Europe/Berlin').getTime() + 60_000), true); // a scanner: not hers
    await click(second, new Date(localHour(weeksBack(3), TUE_17, 'Europe/Berlin').getTime() + 25 * 60_000));
    await open(third, localHour(weeksBack(4), THU_07, 'Europe/Berlin'));
    // Long ago: outside the 90 days.
    await open(third, new Date(from.getTime() - 120 * DAY));
    const { conversationId } = await orderConversation(parley, ana, seller);
    await messagesAt(conversationId, ana, 'buyer', [localHour(weeksBack(2), TUE_17, 'Europe/Berlin'), new Date(localHour(weeksBack(4), TUE_17, 'Europe/Berlin').getTime() + 59 * 60_000)]);
    // The seller writes on Thursdays at 09:00 UTC: their activity, not Ana's.
    await messagesAt(conversationId, seller, 'seller', [2, 3, 4].map((k) => localHour(weeksBack(k), THU_09, 'UTC')));

    // Cara writes late on Wednesday evenings, inside her quiet hours.
    const other = await orderConversation(parley, cara, user('seller'));
    await messagesAt(other.conversationId, cara, 'buyer', [2, 3, 5].map((k) => localHour(weeksBack(k), WED_23, 'Europe/Berlin')));
  });
  afterAll(async () => parley?.close());

  it("chooses each user's own best hour in their time zone from opens, clicks and messages", async () => {
    const plans = await planner.plan([ana, seller], { from });
    expect(plans.get(ana)).toEqual({
      at: nextLocalHour(from, TUE_17, 'Europe/Berlin'),
      source: 'own',
      reason: 'own_history: 5 opens/clicks/messages, best Tue 17:00 Europe/Berlin',
    });
    expect(plans.get(seller)).toEqual({ at: nextLocalHour(from, THU_09, 'UTC'), source: 'own', reason: 'own_history: 3 opens/clicks/messages, best Thu 09:00 UTC' });
  });

  it('moves a best hour out of quiet hours and says so', async () => {
    const plans = await planner.plan([cara], { from });
    const moved = nextLocalHour(nextLocalHour(from, WED_23, 'Europe/Berlin'), THU_07, 'Europe/Berlin');
    expect(plans.get(cara)).toEqual({
      at: moved,
      source: 'own',
      reason: 'own_history: 3 opens/clicks/messages, best Wed 23:00 Europe/Berlin; moved to Thu 07:00 for quiet hours or the delivery window',
    });
  });

  it("gives a user without history the audience's best hour, else 10:00 local", async () => {
    const plans = await planner.plan([ana, ben, cara], { from });
    expect(plans.get(ben)).toEqual({
      at: nextLocalHour(from, TUE_17, 'UTC'),
      source: 'audience',
      reason: 'audience_history: 8 opens/clicks/messages of 2 recipients, best Tue 17:00 UTC',
    });
    const alone = await planner.plan([ben], { from });
    expect(alone.get(ben)).toEqual({ at: nextLocalHour(from, 10, 'UTC'), source: 'default', reason: 'default_hour: no opens, clicks or messages to go by, Mon 10:00 UTC' });
  });

  it('reads activity before `from` within 90 days only', async () => {
    // Planned from three weeks back, only the week-4 activity is in the past (a message on Tuesday, an
    // open on Thursday; the open of 120 days ago is too old): two events, too few of Ana's own.
    const early = await planner.plan([ana], { from: weeksBack(3) });
    expect(early.get(ana)).toEqual({
      at: nextLocalHour(weeksBack(3), TUE_17, 'Europe/Berlin'),
      source: 'audience',
      reason: 'audience_history: 2 opens/clicks/messages of 1 recipient, best Tue 17:00 Europe/Berlin',
    });
  });
});
