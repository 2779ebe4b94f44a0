import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { allMessages, applied, notificationRows, payment, placeOrder, quietJobs, runJob, shipment } from './support/marketplace.ts';
import { expectRefusal, expectRefused, startParley, type TestParley } from './support/parley.ts';

const uid = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const moderator = { as: 'mod-ann', role: 'moderator' as const };

describe.each(backends)('disputes and automated notices on $name', (backend) => {
  let parley: TestParley;

  beforeAll(async () => {
    parley = await startParley(backend, { env: { ...quietJobs, PARLEY_MODERATORS: 'mod-ann', PARLEY_DISPUTE_QUEUE_HOURS: '24' } });
  });
  afterAll(async () => parley?.close());

  async function paidOrder() {
    const buyer = uid('buyer');
    const seller = uid('seller');
    const placed = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller } });
    await applied(parley, 'paid', placed.orderId, payment());
    return { ...placed, buyer, seller };
  }

  const escalate = (conversationId: string, as: Record<string, unknown>, reason = 'The item never arrived') =>
    parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/escalate`, { ...as, body: { reason } });

  describe('escalation', () => {
    it('opens a dispute: a moderator joins, a system message is posted, the others are told, the order is disputed', async () => {
      const { orderId, conversationId, buyer, seller } = await paidOrder();
      const reply = await escalate(conversationId, { as: buyer });
      expect(reply.status).toBe(201);
      const dispute = reply.body.dispute;
      expect(dispute).toMatchObject({ conversationId, orderId, status: 'open', reason: 'The item never arrived', openedBy: buyer, moderatorId: 'mod-ann', resolutionSeconds: null });

      const conversation = (await parley.request('GET', `/conversations/${conversationId}`, moderator)).body;
      expect(conversation.participants.map((p: any) => [p.userId, p.role])).toContainEqual(['mod-ann', 'moderator']);
      const last = (await allMessages(parley, conversationId)).at(-1);
      expect(last).toMatchObject({ messageId: reply.body.messageId, messageType: 'dispute_escalation', isSystem: true, content: 'The buyer opened a dispute: The item never arrived', payload: { disputeId: dispute.disputeId, orderId } });

      const told = await parley.db.selectFrom('notification_logs').select(['user_id']).distinct().where('content', '@>', JSON.stringify({ fields: { title: 'A dispute was opened' } }) as never).execute();
      expect(told.map((r) => r.user_id).filter((u) => [buyer, seller, 'mod-ann'].includes(u)).sort()).toEqual(['mod-ann', seller].sort());
      expect((await parley.request('POST', `/marketplace/messaging/conversations/order/${orderId}`, { as: buyer })).body.order.status).toBe('disputed');
    });

    it('allows one unresolved dispute per conversation', async () => {
      const { conversationId, buyer, seller } = await paidOrder();
      expect((await escalate(conversationId, { as: buyer })).status).toBe(201);
      await expectRefused(parley, 409, 'dispute_already_open', () => escalate(conversationId, { as: seller, role: 'seller' }));
    });

    it('is refused to strangers (404), to moderators who are not in it, and to users choosing a moderator', async () => {
      const { conversationId, buyer } = await paidOrder();
      await expectRefused(parley, 404, 'conversation_not_found', () => escalate(conversationId, { as: uid('stranger') }));
      await expectRefused(parley, 404, 'conversation_not_found', () => escalate(conversationId, { as: 'mod-other', role: 'moderator' }));
      await expectRefused(parley, 403, 'operator_only', () =>
        parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/escalate`, { as: buyer, body: { reason: 'x', moderatorId: 'mod-friend' } }),
      );
      await expectRefused(parley, 400, 'missing_field', () => parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/escalate`, { as: buyer, body: {} }));
    });

    it('takes a "dispute_opened" order event the same way, and a refund settles it', async () => {
      const { orderId, conversationId, buyer } = await paidOrder();
      await applied(parley, 'shipped', orderId, shipment());
      const opened = await applied(parley, 'dispute_opened', orderId, { dispute: { reason: 'Wrong colour' } });
      expect(opened.order.status).toBe('disputed');
      const [dispute] = (await parley.request('GET', `/marketplace/messaging/conversations/${conversationId}/disputes`, { as: buyer })).body.disputes;
      expect(dispute).toMatchObject({ status: 'open', reason: 'Wrong colour', openedBy: 'system', moderatorId: 'mod-ann' });
      expectRefusal(await parley.request('POST', '/marketplace/orders/events', { body: { eventId: uid('evt'), type: 'dispute_opened', orderId, dispute: { reason: 'again' } } }), 409, 'order_state_conflict');

      const refunded = await applied(parley, 'refunded', orderId, { refund: { amount: 59.9, currency: 'EUR' } });
      expect(refunded.order.status).toBe('refunded');
      const settled = (await parley.request('GET', `/marketplace/messaging/disputes/${dispute.disputeId}`, moderator)).body;
      expect(settled).toMatchObject({ status: 'resolved_refund', resolutionNote: 'The order was refunded.' });
      expect(settled.resolutionSeconds).toBeGreaterThanOrEqual(0);
    });
  });

  describe('lifecycle', () => {
    it('moves through its statuses by its moderator, tracks resolution time, and gives the order its step back', async () => {
      const { orderId, conversationId, buyer, seller } = await paidOrder();
      const { dispute } = (await escalate(conversationId, { as: buyer })).body;
      const move = (status: string, as: Record<string, unknown> = moderator, note?: string) =>
        parley.request('PATCH', `/marketplace/messaging/disputes/${dispute.disputeId}`, { ...as, body: { status, ...(note ? { note } : {}) } });

      expect((await move('awaiting_seller', moderator, 'Please share the tracking number.')).body.status).toBe('awaiting_seller');
      await expectRefused(parley, 403, 'moderators_only', () => move('resolved_no_refund', { as: seller, role: 'seller' }));
      expect((await move('under_review')).body.status).toBe('under_review');
      await parley.db.updateTable('disputes').set({ opened_at: new Date(Date.now() - 7_200_000) }).where('id', '=', dispute.disputeId).execute();
      const resolved = (await move('resolved_no_refund', moderator, 'Tracking shows delivery.')).body;
      expect(resolved).toMatchObject({ status: 'resolved_no_refund', resolutionNote: 'Tracking shows delivery.' });
      expect(resolved.resolutionSeconds).toBeGreaterThanOrEqual(7_200);
      expect(resolved.resolutionSeconds).toBeLessThan(7_300);
      expect(resolved.history.map((h: any) => h.status)).toEqual(['open', 'awaiting_seller', 'under_review', 'resolved_no_refund']);

      expectRefusal(await move('awaiting_buyer'), 409, 'invalid_dispute_transition');
      expect((await move('closed')).body.status).toBe('closed');
      expectRefusal(await move('open'), 409, 'invalid_dispute_transition');

      const updates = (await allMessages(parley, conversationId)).filter((m) => m.messageType === 'dispute_update');
      expect(updates.map((m) => m.payload.status)).toEqual(['awaiting_seller', 'under_review', 'resolved_no_refund', 'closed']);
      expect(updates[0].content).toBe('The dispute is waiting for the seller. Please share the tracking number.');
      const order = (await parley.request('POST', `/marketplace/messaging/conversations/order/${orderId}`, { as: buyer })).body.order;
      expect(order.status).toBe('paid');
    });

    it('lets the party who opened it withdraw it, and nobody else but its moderator change it', async () => {
      const { conversationId, buyer, seller } = await paidOrder();
      const { dispute } = (await escalate(conversationId, { as: buyer })).body;
      const patch = (as: Record<string, unknown>, status: string) => parley.request('PATCH', `/marketplace/messaging/disputes/${dispute.disputeId}`, { ...as, body: { status } });
      await expectRefused(parley, 403, 'moderators_only', () => patch({ as: seller, role: 'seller' }, 'closed'));
      await expectRefused(parley, 403, 'moderators_only', () => patch({ as: buyer }, 'resolved_refund'));
      await expectRefused(parley, 403, 'moderators_only', () => patch({ as: 'mod-bob', role: 'moderator' }, 'under_review'));
      await expectRefused(parley, 404, 'dispute_not_found', () => patch({ as: uid('stranger') }, 'closed'));
      expect((await patch({ as: buyer }, 'closed')).body).toMatchObject({ status: 'closed' });
    });

    it('lets another moderator take it over, then act on it', async () => {
      const { conversationId, buyer } = await paidOrder();
      const { dispute } = (await escalate(conversationId, { as: buyer })).body;
      await expectRefused(parley, 403, 'moderators_only', () => parley.request('POST', `/marketplace/messaging/disputes/${dispute.disputeId}/assign`, { as: buyer }));
      await expectRefused(parley, 403, 'operator_only', () =>
        parley.request('POST', `/marketplace/messaging/disputes/${dispute.disputeId}/assign`, { as: 'mod-bob', role: 'moderator', body: { moderatorId: 'mod-carl' } }),
      );
      const taken = await parley.request('POST', `/marketplace/messaging/disputes/${dispute.disputeId}/assign`, { as: 'mod-bob', role: 'moderator' });
      expect(taken.body.moderatorId).toBe('mod-bob');
      const moved = await parley.request('PATCH', `/marketplace/messaging/disputes/${dispute.disputeId}`, { as: 'mod-bob', role: 'moderator', body: { status: 'under_review' } });
      expect(moved.body.status).toBe('under_review');
      expect((await parley.request('GET', `/conversations/${conversationId}/messages`, { as: 'mod-bob', role: 'moderator' })).status).toBe(200);
    });
  });

  describe('the moderation queue', () => {
    it('sends disputes unresolved after 24 h to the queue, once, with a message and a notice to the moderator', async () => {
      const { conversationId, buyer } = await paidOrder();
      const { dispute } = (await escalate(conversationId, { as: buyer })).body;
      const fresh = await paidOrder();
      const recent = (await escalate(fresh.conversationId, { as: fresh.buyer })).body.dispute;
      await parley.db.updateTable('disputes').set({ opened_at: new Date(Date.now() - 25 * 3_600_000) }).where('id', '=', dispute.disputeId).execute();

      expect(await runJob(parley, 'dispute-queue')).toBeGreaterThanOrEqual(1);
      expect(await runJob(parley, 'dispute-queue')).toBe(0);
      const queued = (await parley.request('GET', `/marketplace/messaging/disputes/${dispute.disputeId}`, moderator)).body;
      expect(queued.queuedAt).not.toBeNull();
      expect(queued.history.at(-1)).toMatchObject({ by: 'system', queued: true });
      expect((await parley.request('GET', `/marketplace/messaging/disputes/${recent.disputeId}`, moderator)).body.queuedAt).toBeNull();
      const last = (await allMessages(parley, conversationId)).at(-1);
      expect(last).toMatchObject({ messageType: 'dispute_update', payload: { disputeId: dispute.disputeId, queued: true } });
      const notice = await parley.db.selectFrom('notification_logs').select(['user_id', 'notification_type']).where('content', '@>', JSON.stringify({ fields: { title: 'A dispute needs attention' } }) as never).execute();
      expect(notice.some((n) => n.user_id === 'mod-ann' && n.notification_type === 'systemAlert')).toBe(true);

      const list = (await parley.request('GET', '/marketplace/messaging/disputes?queued=true', moderator)).body;
      expect(list.disputes.map((d: any) => d.disputeId)).toContain(dispute.disputeId);
      expect(list.disputes.map((d: any) => d.disputeId)).not.toContain(recent.disputeId);
      const row = list.disputes.find((d: any) => d.disputeId === dispute.disputeId);
      expect(row.ageSeconds).toBeGreaterThanOrEqual(25 * 3600);
      expect(row.conversationType).toBe('order');
    });

    it('lists disputes by status and age for moderators only', async () => {
      const { conversationId, buyer } = await paidOrder();
      const { dispute } = (await escalate(conversationId, { as: buyer })).body;
      const open = (await parley.request('GET', '/marketplace/messaging/disputes?status=open&limit=200', { as: 'ops', role: 'operator' })).body.disputes;
      expect(open.map((d: any) => d.disputeId)).toContain(dispute.disputeId);
      const ages = open.map((d: any) => d.ageSeconds);
      expect(ages).toEqual([...ages].sort((a, b) => b - a));
      for (const as of [{ as: buyer }, { as: uid('seller'), role: 'seller' as const }]) {
        expectRefusal(await parley.request('GET', '/marketplace/messaging/disputes', as), 403, 'moderators_only');
      }
    });
  });

  describe('POST /marketplace/messaging/conversations/:id/auto-notify', () => {
    it('posts the seller’s notice as an automated message and notifies the buyer', async () => {
      const { conversationId, buyer, seller } = await paidOrder();
      const reply = await parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/auto-notify`, {
        as: seller,
        role: 'seller',
        body: { content: 'Your order ships a day late because of the holidays. Sorry!', channels: ['in-app'], clientMessageId: 'delay-1' },
      });
      expect(reply.status).toBe(201);
      expect(reply.body.message).toMatchObject({ senderId: seller, isAutomated: true, isSystem: false, messageType: 'text', metadata: { automatedNotice: true } });
      expect(reply.body.notifications).toHaveLength(1);
      const [row] = await notificationRows(parley, reply.body.notifications[0]);
      expect(row).toMatchObject({ user_id: buyer, channel: 'in-app' });

      const again = await parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/auto-notify`, {
        as: seller,
        role: 'seller',
        body: { content: 'Your order ships a day late because of the holidays. Sorry!', channels: ['in-app'], clientMessageId: 'delay-1' },
      });
      expect(again.status).toBe(200);
      expect(again.body.message.messageId).toBe(reply.body.message.messageId);
      expect(again.body.notifications).toEqual(reply.body.notifications);
      expect((await allMessages(parley, conversationId)).filter((m) => m.isAutomated && m.senderId === seller)).toHaveLength(1);
    });

    it('lets the backend post typed messages, and fills a seller’s template from the order', async () => {
      const { orderId, conversationId, seller } = await paidOrder();
      await applied(parley, 'shipped', orderId, shipment('TRK-77'));
      const typed = await parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/auto-notify`, {
        body: { messageType: 'order_status', payload: { orderId, status: 'shipped', note: 'Delayed at customs' }, content: 'Your parcel is held at customs.' },
      });
      expect(typed.status).toBe(201);
      expect(typed.body.message).toMatchObject({ senderId: 'system', isAutomated: true, messageType: 'order_status' });

      await parley.db.insertInto('message_templates').values({ id: randomUUID(), seller_id: seller, name: 'Tracking', content: 'Order {{order_id}} is on its way: {{tracking_number}}.' }).execute();
      const template = await parley.db.selectFrom('message_templates').select('id').where('seller_id', '=', seller).executeTakeFirstOrThrow();
      const filled = await parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/auto-notify`, { as: seller, role: 'seller', body: { templateId: template.id } });
      expect(filled.status).toBe(201);
      expect(filled.body.message).toMatchObject({ content: `Order ${orderId} is on its way: TRK-77.`, metadata: { templateId: template.id } });
    });

    it('refuses a template whose variables the conversation cannot fill, buyers, typed messages from sellers, and strangers', async () => {
      const { conversationId, buyer, seller } = await paidOrder();
      const templateId = randomUUID();
      await parley.db.insertInto('message_templates').values({ id: templateId, seller_id: seller, name: 'Tracking', content: 'Tracking: {{tracking_number}}' }).execute();
      const post = (as: Record<string, unknown>, body: Record<string, unknown>) => parley.request('POST', `/marketplace/messaging/conversations/${conversationId}/auto-notify`, { ...as, body });
      await expectRefused(parley, 400, 'template_variables_missing', () => post({ as: seller, role: 'seller' }, { templateId }));
      await expectRefused(parley, 403, 'sellers_only', () => post({ as: buyer }, { content: 'hello' }));
      await expectRefused(parley, 403, 'message_type_not_allowed', () => post({ as: seller, role: 'seller' }, { messageType: 'order_status', payload: { orderId: 'x', status: 'shipped' } }));
      await expectRefused(parley, 404, 'conversation_not_found', () => post({ as: uid('stranger'), role: 'seller' }, { content: 'hello' }));
      await expectRefused(parley, 404, 'template_not_found', () => post({ as: seller, role: 'seller' }, { templateId: randomUUID() }));
      await expectRefused(parley, 400, 'content_required', () => post({ as: seller, role: 'seller' }, {}));
    });
  });
});
