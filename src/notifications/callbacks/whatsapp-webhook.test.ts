import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chooseWhatsAppContent } from '../whatsapp/service-windows.ts';
import { parseWhatsAppWebhook, verifyWhatsAppSignature } from './whatsapp-webhook.ts';

const secret = 'app-secret-123';
const sign = (body: string, key = secret) => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;

describe('verifyWhatsAppSignature', () => {
  const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
  it('accepts the HMAC-SHA256 of the raw body with the app secret, in either case of hex', () => {
    expect(verifyWhatsAppSignature(secret, body, sign(body.toString()))).toBe(true);
    expect(verifyWhatsAppSignature(secret, body, sign(body.toString()).toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
  });
  it('refuses another secret, another body, a bare hex digest and a truncated one', () => {
    expect(verifyWhatsAppSignature(secret, body, sign(body.toString(), 'other'))).toBe(false);
    expect(verifyWhatsAppSignature(secret, Buffer.from(`${body} `), sign(body.toString()))).toBe(false);
    expect(verifyWhatsAppSignature(secret, body, sign(body.toString()).slice(7))).toBe(false);
    expect(verifyWhatsAppSignature(secret, body, sign(body.toString()).slice(0, -2))).toBe(false);
  });
});

describe('parseWhatsAppWebhook', () => {
  const value = (v: Record<string, unknown>, field = 'messages') => ({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field, value: v }] }] });

  it('reads statuses (read as opened, failed with its errors) and inbound messages as E.164 with their time', () => {
    const parsed = parseWhatsAppWebhook(
      value({
        statuses: [
          { id: 'wamid.A', status: 'delivered', timestamp: '1700000000', recipient_id: '447700900123' },
          { id: 'wamid.A', status: 'read', timestamp: '1700000060', recipient_id: '447700900123' },
          { id: 'wamid.B', status: 'failed', timestamp: '1700000000', recipient_id: '447700900124', errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'Not a WhatsApp user' } }] },
          { id: 'wamid.C', status: 'deleted', timestamp: '1700000000' },
        ],
        messages: [
          { from: '447700900123', id: 'wamid.in', timestamp: '1700000100', type: 'text', text: { body: 'STOP' } },
          { from: '447700900125', id: 'wamid.img', timestamp: '1700000100', type: 'image', image: { id: 'x' } },
          { from: 'not-a-number', id: 'wamid.bad', timestamp: '1700000100', type: 'text', text: { body: 'hi' } },
        ],
      }),
    );
    expect(parsed.events).toEqual([
      { externalId: 'wamid.A', status: 'delivered', at: new Date(1_700_000_000_000), reason: undefined, address: '+447700900123' },
      { externalId: 'wamid.A', status: 'opened', at: new Date(1_700_000_060_000), reason: undefined, address: '+447700900123' },
      { externalId: 'wamid.B', status: 'failed', at: new Date(1_700_000_000_000), reason: '131026 Message undeliverable: Not a WhatsApp user', address: '+447700900124' },
    ]);
    expect(parsed.inbound).toEqual([
      { address: '+447700900123', at: new Date(1_700_000_100_000), text: 'STOP' },
      { address: '+447700900125', at: new Date(1_700_000_100_000) },
    ]);
  });

  it('leaves other fields alone and refuses a body that is not a WhatsApp webhook', () => {
    expect(parseWhatsAppWebhook(value({ event: 'APPROVED', message_template_name: 'x' }, 'message_template_status_update'))).toEqual({ events: [], inbound: [] });
    expect(() => parseWhatsAppWebhook({ object: 'page', entry: [] })).toThrow(/WhatsApp Business Account webhook/);
    expect(() => parseWhatsAppWebhook([])).toThrow();
  });
});

describe('chooseWhatsAppContent', () => {
  const now = new Date('2026-12-06T12:00:00Z');
  const template = { name: 'parcel_ready', language: 'en_US' };
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600 * 1000);

  it('sends the text inside the 24 hours after the last inbound message, the template from then on', () => {
    expect(chooseWhatsAppContent({ text: 'Hi', template }, hoursAgo(23.9), now)).toEqual({ text: 'Hi' });
    expect(chooseWhatsAppContent({ text: 'Hi', template }, hoursAgo(24), now)).toEqual({ template });
    expect(chooseWhatsAppContent({ text: 'Hi', template }, undefined, now)).toEqual({ template });
    expect(chooseWhatsAppContent({ template }, hoursAgo(1), now)).toEqual({ template });
  });

  it('says why nothing can go when the window is closed and there is no template', () => {
    const never = chooseWhatsAppContent({ text: 'Hi' }, undefined, now);
    expect(never).toEqual({ refused: expect.stringContaining('has never written to the business') });
    const old = chooseWhatsAppContent({ text: 'Hi' }, hoursAgo(30), now);
    expect(old).toEqual({ refused: expect.stringContaining('last wrote at 2026-12-05T06:00:00.000Z') });
  });
});
