import { describe, expect, it } from 'vitest';
import { LinkSigner } from '../../crypto/signed-links.ts';
import { createPushActionLinks, interactiveProblem } from './push-action-links.ts';

const key = Buffer.alloc(32, 3).toString('base64');
const signer = new LinkSigner(key, 'https://parley.example');
const links = createPushActionLinks(signer);
const deliveryId = '0190f5c2-7a3b-7c4d-8e5f-0123456789ab';

describe('push action links', () => {
  it("signs one token per delivery naming the user, what the buttons act on, and only the actions Parley takes", () => {
    const shipped = links.interaction(deliveryId, 'buyer-1', { category: 'parley.order-shipped', orderId: 'order-9' });
    expect(shipped.actions.map((a) => a.id)).toEqual(['confirm-receipt', 'view-order']);
    expect(shipped.actionUrl).toMatch(/^https:\/\/parley\.example\/push-actions\/[^/]+$/);
    const token = shipped.actionUrl.split('/').pop()!;
    expect(links.read(token)).toEqual({ id: deliveryId, userId: 'buyer-1', category: 'parley.order-shipped', actions: ['confirm-receipt'], orderId: 'order-9' });

    const message = links.interaction(deliveryId, 'buyer-1', { category: 'parley.message', conversationId: 'c-1' });
    expect(links.read(message.actionUrl.split('/').pop()!)).toMatchObject({ actions: ['reply', 'mark-read'], conversationId: 'c-1' });
  });

  it('reads nothing from a token that is altered, expired, signed for another purpose or with another key', () => {
    const claim = { id: deliveryId, u: 'buyer-1', cat: 'parley.message', a: ['reply'], c: 'c-1' };
    expect(links.read(signer.sign('push-action', claim, 60))).toMatchObject({ userId: 'buyer-1' });
    expect(links.read(signer.sign('push-action', claim, -1))).toBeUndefined();
    expect(links.read(signer.sign('unsubscribe', claim, 60))).toBeUndefined();
    expect(links.read(new LinkSigner(Buffer.alloc(32, 4).toString('base64'), 'https://x').sign('push-action', claim, 60))).toBeUndefined();
    const [body, mac] = signer.sign('push-action', claim, 60).split('.');
    const other = Buffer.from(JSON.stringify({ ...claim, u: 'seller-1' })).toString('base64url');
    expect(links.read(`${other}.${mac}`)).toBeUndefined();
    expect(links.read(`${body}.${mac}`)).toBeDefined();
    // Signed, but not a claim Parley makes: an unknown category or action.
    expect(links.read(signer.sign('push-action', { ...claim, cat: 'parley.other' }, 60))).toBeUndefined();
    expect(links.read(signer.sign('push-action', { ...claim, a: ['refund'] }, 60))).toBeUndefined();
  });

  it('asks each category for what it acts on', () => {
    expect(interactiveProblem({ category: 'parley.message' })).toMatch(/needs conversationId/);
    expect(interactiveProblem({ category: 'parley.order-shipped', conversationId: 'c-1' })).toMatch(/needs orderId/);
    expect(interactiveProblem({ category: 'parley.order-shipped', orderId: 'o-1' })).toBeUndefined();
  });
});
