import { randomBytes, randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.ts';
import { launchBrowser, signedIn } from '../support/browser.ts';
import { startSink, type Sink } from '../support/fakes/sink.ts';
import { placeOrder, quietJobs, runJob } from '../support/marketplace.ts';
import { eventually, sendMessage, startParley, type TestParley } from '../support/parley.ts';

const id = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const base = '/marketplace/messaging';

describe.each(backends)('dashboards ($name)', (backend) => {
  let parley: TestParley;
  let browser: Browser;
  let sink: Sink;

  beforeAll(async () => {
    sink = await startSink();
    const webhook = { type: 'webhook', name: 'hooks', url: sink.url, secret: `whsec_${randomBytes(24).toString('base64')}` };
    parley = await startParley(backend, {
      env: { ...quietJobs, PARLEY_POLL_MS: '50', PARLEY_RETRY_BASE_MS: '20', PARLEY_PROVIDERS: JSON.stringify({ webhook: [webhook] }) },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await parley?.close();
    await sink?.close();
  });

  it("shows a seller their response figures and a chart of their messages", async () => {
    const buyer = id('buyer');
    const seller = id('seller');
    const { conversationId } = await placeOrder(parley, { buyer: { userId: buyer, name: 'Ana' }, seller: { userId: seller, name: 'Shop' } });
    expect((await sendMessage(parley, conversationId, 'Hi! When will my order ship?', { as: buyer, role: 'buyer' })).status).toBe(201);
    expect((await sendMessage(parley, conversationId, 'It ships tomorrow morning.', { as: seller, role: 'seller' })).status).toBe(201);
    await runJob(parley, 'analytics');

    const { page, errors, context } = await signedIn(browser, parley, seller, 'seller', { path: '/seller' });
    await expect.poll(() => page.getByRole('heading', { name: 'Your messaging', level: 1 }).isVisible()).toBe(true);
    const answered = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Answered within 24 h' }) });
    await expect.poll(() => answered.textContent()).toContain('100%');
    // One seller is not enough for the anonymised marketplace comparison.
    await expect.poll(() => answered.textContent()).toContain('Not enough sellers to compare');

    const chart = page.getByRole('figure', { name: 'Messages per day' });
    await expect.poll(() => chart.locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => chart.textContent()).toContain('1 message from buyers and 1 reply');
    // The numbers behind the chart, for those who do not see it.
    await chart.getByText('Show the numbers').click();
    await expect.poll(() => chart.getByRole('table').isVisible()).toBe(true);

    await page.getByRole('radio', { name: '7 days' }).check();
    await expect.poll(() => answered.textContent()).toContain('100%');

    // Phone width: the chart follows its container.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(async () => (await chart.locator('canvas').first().boundingBox())?.width ?? 1000).toBeLessThan(390);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a moderator take a dispute, move it along, and review a flagged conversation', async () => {
    const moderator = id('moderator');
    const buyer = id('buyer');
    const seller = id('seller');
    const disputed = await placeOrder(parley, { buyer: { userId: buyer }, seller: { userId: seller } });
    const escalated = await parley.request('POST', `${base}/conversations/${disputed.conversationId}/escalate`, {
      as: buyer,
      role: 'buyer',
      body: { reason: 'The mug arrived broken.' },
    });
    expect(escalated.status, JSON.stringify(escalated.body)).toBe(201);

    const angry = await placeOrder(parley, { buyer: { userId: id('buyer') }, seller: { userId: seller } });
    const angryBuyer = (await parley.request('GET', `/conversations/${angry.conversationId}`)).body.participants.find((p: any) => p.role === 'buyer').userId;
    await sendMessage(parley, angry.conversationId, 'This is a scam, worst seller ever, I want my money back', { as: angryBuyer, role: 'buyer' });
    await runJob(parley, 'analytics');

    const { page, errors, context } = await signedIn(browser, parley, moderator, 'moderator', { path: '/moderation' });
    const disputes = page.getByRole('list', { name: 'Disputes' });
    const dispute = disputes.getByRole('listitem').filter({ hasText: `Order ${disputed.orderId}` });
    await expect.poll(() => dispute.textContent()).toContain('The mug arrived broken.');
    await expect.poll(() => dispute.getByTestId('assignee').textContent()).toBe('Unassigned');
    await expect.poll(() => dispute.getByRole('link', { name: /Open the conversation/ }).getAttribute('href')).toBe(`/app/c/${disputed.conversationId}`);

    await dispute.getByRole('button', { name: /^Take/ }).click();
    await expect.poll(() => dispute.getByTestId('assignee').textContent()).toBe(`${moderator} (you)`);
    await expect.poll(() => dispute.getByRole('button', { name: /^Take/ }).count()).toBe(0);
    // Taken, the dispute is theirs to move along, among the statuses the server allows.
    await expect.poll(() => dispute.textContent()).toContain(`${buyer} (buyer)`);
    // The picker starts at the dispute's current status; Change status waits for another.
    const picker = dispute.getByLabel('Status', { exact: true });
    await expect.poll(() => picker.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Open (current)');
    expect(await dispute.getByRole('button', { name: 'Change status' }).isDisabled()).toBe(true);
    await picker.selectOption({ label: 'Under review' });
    await dispute.getByLabel('Note to both sides (optional)').fill('Looking at the photos.');
    await dispute.getByRole('button', { name: 'Change status' }).click();
    await expect.poll(() => dispute.getByRole('status').textContent()).toContain('Under review');
    await expect.poll(() => picker.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Under review (current)');
    const stored = await parley.request('GET', `${base}/disputes/${escalated.body.dispute.disputeId}`);
    expect(stored.body).toMatchObject({ status: 'under_review', moderatorId: moderator });

    const flags = page.getByRole('list', { name: 'Flagged conversations' });
    const flag = flags.getByRole('listitem').filter({ hasText: `Order ${angry.orderId}` });
    await expect.poll(() => flag.textContent()).toContain(angryBuyer);
    await flag.getByLabel('Note (optional)').fill('Spoke to both sides.');
    await flag.getByRole('button', { name: 'Mark reviewed' }).click();
    await expect.poll(() => flag.textContent()).toContain(`Reviewed by ${moderator}`);
    const reviewed = await parley.request('GET', `${base}/moderation/flagged?reviewed=true`, { as: moderator, role: 'moderator' });
    expect(reviewed.body.flags.find((f: any) => f.conversationId === angry.conversationId)).toMatchObject({ reviewedBy: moderator, reviewNote: 'Spoke to both sides.' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an operator the channels and lets them replay a dead letter', async () => {
    sink.mode = 'down';
    const recipient = id('user');
    const requestId = randomUUID();
    const accepted = await parley.request('POST', '/notifications', {
      body: { requestId, notificationType: 'transactional', channels: ['webhook'], recipient: { userId: recipient }, message: { subject: 'Order paid', body: 'Order 77 was paid.' }, metadata: { retries: 0 } },
    });
    expect(accepted.status).toBe(202);
    await eventually(async () => (await parley.request('GET', '/notifications/dead-letters')).body.deadLetters.some((d: any) => d.requestId === requestId), 'the dead letter');
    sink.mode = 'ok';

    const { page, errors, context } = await signedIn(browser, parley, id('operator'), 'operator', { path: '/operator' });
    const channels = page.getByRole('table', { name: 'Deliveries per channel' });
    await expect.poll(() => channels.getByRole('rowheader', { name: 'Webhook' }).isVisible()).toBe(true);
    await expect.poll(() => channels.getByRole('rowheader', { name: 'Email' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('figure', { name: /Sent, delivered and failed per hour/ }).locator('canvas').count()).toBeGreaterThan(0);
    // One failed call does not open the provider's circuit.
    await expect.poll(() => page.getByRole('list', { name: 'Providers' }).getByRole('listitem').filter({ hasText: 'hooks' }).textContent()).toContain('Healthy');

    const letters = page.getByRole('list', { name: 'Dead letters' });
    await expect.poll(() => letters.getByRole('checkbox', { name: `Webhook to ${recipient}` }).isVisible()).toBe(true);
    await page.getByRole('checkbox', { name: /Select all/ }).check();
    await page.getByRole('button', { name: 'Replay selected (1)' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'queued again' }).textContent()).toContain('1 delivery queued again.');
    await expect.poll(() => page.getByText('No dead letters').isVisible()).toBe(true);
    await eventually(async () => (await parley.request('GET', `/notifications/${requestId}`)).body.deliveries[0].status === 'sent', 'the replayed delivery to go out');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells a buyer the dashboards are not for their role, without failing', async () => {
    const { page, errors, context } = await signedIn(browser, parley, id('buyer'), 'buyer', { path: '/seller' });
    await expect.poll(() => page.getByText('The seller dashboard is not available for your role.').isVisible()).toBe(true);
    await page.goto(`${parley.url}/app/operator`);
    await expect.poll(() => page.getByText('The delivery dashboard is not available for your role.').isVisible()).toBe(true);
    await page.goto(`${parley.url}/app/moderation`);
    await expect.poll(() => page.getByText('The moderation queue is not available for your role.').isVisible()).toBe(true);
    // And the API itself refuses, which the pages would show the same way.
    const refused = await parley.request('GET', `${base}/seller/analytics/messaging`, { as: 'someone', role: 'buyer' });
    expect(refused.status).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  });
});
