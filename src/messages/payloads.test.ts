import { describe, expect, it } from 'vitest';
import { ParleyError } from '../errors.ts';
import { type MessageType, messageTypes, type TypedMessageType, typedMessageTypes, validatePayload } from './payloads.ts';

function rejection(type: MessageType, payload: unknown, code: string): ParleyError {
  try {
    validatePayload(type, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ParleyError);
    const parleyError = error as ParleyError;
    expect({ code: parleyError.code, status: parleyError.status }).toEqual({ code, status: 400 });
    return parleyError;
  }
  throw new Error(`expected the ${type} payload ${JSON.stringify(payload)} to be rejected with ${code}`);
}

/** For each typed message type: a valid payload, and a field it cannot do without. */
const cases: Record<TypedMessageType, { valid: Record<string, unknown>; full: Record<string, unknown>; required: string }> = {
  order_status: {
    valid: { orderId: 'ord-1001', status: 'shipped' },
    full: { orderId: 'ord-1001', status: 'refunded', note: 'Refunded in full.' },
    required: 'status',
  },
  payment_confirmation: {
    valid: { orderId: 'ord-1001', amount: 49.9, currency: 'EUR' },
    full: { orderId: 'ord-1001', amount: 0, currency: 'USD', paymentId: 'pay_123' },
    required: 'currency',
  },
  tracking: {
    valid: { orderId: 'ord-1001', carrier: 'DHL', trackingNumber: 'JD014600003SE' },
    full: { orderId: 'ord-1001', carrier: 'DHL', trackingNumber: 'JD014600003SE', trackingUrl: 'https://www.dhl.com/track?id=JD014600003SE' },
    required: 'trackingNumber',
  },
  dispute_escalation: {
    valid: { reason: 'Item not as described' },
    full: { reason: 'Item not as described', orderId: 'ord-1001', disputeId: 'dsp-7' },
    required: 'reason',
  },
  dispute_update: {
    valid: { disputeId: 'dsp-7', status: 'under_review' },
    full: { disputeId: 'dsp-7', status: 'resolved_refund', note: 'Refund agreed.', queued: false },
    required: 'status',
  },
  rating_request: {
    valid: { orderId: 'ord-1001', reason: 'delivered' },
    full: { orderId: 'ord-1001', reason: 'dispute_resolved' },
    required: 'reason',
  },
  product_inquiry: {
    valid: { productId: 'prod-9' },
    full: { productId: 'prod-9', listingId: 'lst-3', question: 'Does it come with a charger?' },
    required: 'productId',
  },
};

describe('validatePayload', () => {
  it('covers every typed message type', () => {
    expect(Object.keys(cases).sort()).toEqual([...typedMessageTypes].sort());
  });

  describe.each(typedMessageTypes)('%s', (type) => {
    const { valid, full, required } = cases[type];

    it('accepts a valid payload and returns it', () => {
      expect(validatePayload(type, valid)).toEqual(valid);
      expect(validatePayload(type, full)).toEqual(full);
    });

    it('requires a payload', () => {
      const error = rejection(type, undefined, 'payload_required');
      expect(error.message).toContain(type);
      rejection(type, null, 'payload_required');
    });

    it('rejects a payload that is not an object', () => {
      rejection(type, 'shipped', 'invalid_payload');
      rejection(type, [valid], 'invalid_payload');
    });

    it(`rejects a payload without ${required}`, () => {
      const { [required]: _, ...missing } = valid;
      const error = rejection(type, missing, 'invalid_payload');
      expect(error.details).toEqual({ path: `/payload/${required}` });
      expect(error.message).toContain(`payload.${required}`);
    });

    it('rejects an unknown field', () => {
      const error = rejection(type, { ...valid, surprise: true }, 'invalid_payload');
      expect(error.details).toEqual({ path: '/payload/surprise' });
    });
  });

  it.each(['eur', 'EURO', 'EU', '€', 'E1R', ''])('rejects the currency %j', (currency) => {
    const error = rejection('payment_confirmation', { orderId: 'ord-1001', amount: 10, currency }, 'invalid_payload');
    expect(error.details).toEqual({ path: '/payload/currency' });
  });

  it('rejects a negative or non-numeric amount', () => {
    rejection('payment_confirmation', { orderId: 'ord-1001', amount: -1, currency: 'EUR' }, 'invalid_payload');
    rejection('payment_confirmation', { orderId: 'ord-1001', amount: '10', currency: 'EUR' }, 'invalid_payload');
  });

  it('rejects an order status that does not exist', () => {
    const error = rejection('order_status', { orderId: 'ord-1001', status: 'lost' }, 'invalid_payload');
    expect(error.details).toEqual({ path: '/payload/status' });
  });

  it('rejects a tracking link that is not a URL', () => {
    const error = rejection(
      'tracking',
      { orderId: 'ord-1001', carrier: 'DHL', trackingNumber: '1', trackingUrl: 'see the carrier website' },
      'invalid_payload',
    );
    expect(error.details).toEqual({ path: '/payload/trackingUrl' });
  });

  it('rejects empty and over-long ids', () => {
    rejection('order_status', { orderId: '', status: 'paid' }, 'invalid_payload');
    rejection('order_status', { orderId: 'x'.repeat(129), status: 'paid' }, 'invalid_payload');
  });

  it.each(['text', 'image', 'video', 'voice', 'file', 'system'] as const)('%s messages take no payload', (type) => {
    expect(validatePayload(type, undefined)).toBeNull();
    expect(validatePayload(type, null)).toBeNull();
    const error = rejection(type, { orderId: 'ord-1001' }, 'unexpected_payload');
    expect(error.message).toContain(type);
    rejection(type, {}, 'unexpected_payload');
    rejection(type, 'text', 'unexpected_payload');
  });

  it('knows every message type', () => {
    expect([...messageTypes].sort()).toEqual(['text', 'image', 'video', 'voice', 'file', 'system', ...typedMessageTypes].sort());
  });
});
