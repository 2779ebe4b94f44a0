import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedEvents } from '../../../test/support/fakes/sendgrid.ts';
import { parseSendGridEvents, verifySendGridSignature } from './sendgrid-events.ts';

const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

describe('verifySendGridSignature', () => {
  const events = [{ email: 'buyer@example.com', event: 'delivered', timestamp: 1_700_000_000, sg_message_id: 'abc.filter0001.1.0', parley_delivery_id: 'd-1' }];
  const { body, headers, publicKeyBase64 } = signedEvents(events);
  const signature = headers[SIGNATURE_HEADER]!;
  const timestamp = headers[TIMESTAMP_HEADER]!;

  it('verifies a correctly signed request, as a Buffer or a string', () => {
    expect(verifySendGridSignature(publicKeyBase64, Buffer.from(body), signature, timestamp)).toBe(true);
    expect(verifySendGridSignature(publicKeyBase64, body, signature, timestamp)).toBe(true);
  });

  it("verifies SendGrid's own published example", () => {
    expect(
      verifySendGridSignature(
        'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==',
        '{"category":"example_payload","event":"test_event","message_id":"message_id"}',
        'MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=',
        '1588788367',
      ),
    ).toBe(true);
  });

  it('rejects a tampered body', () => {
    expect(verifySendGridSignature(publicKeyBase64, body.replace('delivered', 'bounce'), signature, timestamp)).toBe(false);
  });

  it('rejects another key', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(verifySendGridSignature(other, body, signature, timestamp)).toBe(false);
  });

  it('rejects a changed timestamp', () => {
    expect(verifySendGridSignature(publicKeyBase64, body, signature, String(Number(timestamp) + 1))).toBe(false);
  });

  it('answers false, without throwing, for a malformed key or signature', () => {
    expect(verifySendGridSignature('not a key', body, signature, timestamp)).toBe(false);
    expect(verifySendGridSignature(publicKeyBase64, body, 'bm90IGEgc2lnbmF0dXJl', timestamp)).toBe(false);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(verifySendGridSignature(rsa, body, signature, timestamp)).toBe(false);
  });
});

describe('parseSendGridEvents', () => {
  const base = { email: 'buyer@example.com', timestamp: 1_700_000_000, sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0', parley_delivery_id: 'd-1', parley_request_id: 'r-1' };
  const at = new Date(1_700_000_000_000);
  const common = { deliveryId: 'd-1', externalId: '14c5d75ce93', address: 'buyer@example.com', at };

  it('maps every event kind', () => {
    const events = parseSendGridEvents([
      { ...base, event: 'processed' },
      { ...base, event: 'delivered', response: '250 OK' },
      { ...base, event: 'bounce', type: 'bounce', reason: '550 5.1.1 User unknown', status: '5.1.1' },
      { ...base, event: 'bounce', type: 'blocked', reason: '554 blocked by policy' },
      { ...base, event: 'dropped', reason: 'Bounced Address' },
      { ...base, event: 'deferred', response: '451 try again later', attempt: '1' },
      { ...base, event: 'open', useragent: 'Mozilla/5.0' },
      { ...base, event: 'click', url: 'https://shop.example.com/orders/1' },
      { ...base, event: 'spamreport' },
      { ...base, event: 'unsubscribe' },
      { ...base, event: 'group_unsubscribe', asm_group_id: 10 },
    ]);
    expect(events).toEqual([
      { ...common, status: 'sent' },
      { ...common, status: 'delivered', reason: '250 OK' },
      { ...common, status: 'bounced', hard: true, reason: '550 5.1.1 User unknown' },
      { ...common, status: 'bounced', hard: false, reason: '554 blocked by policy' },
      { ...common, status: 'failed', reason: 'Bounced Address' },
      { ...common, status: 'deferred', reason: '451 try again later' },
      { ...common, status: 'opened' },
      { ...common, status: 'clicked', url: 'https://shop.example.com/orders/1' },
      { ...common, status: 'complained' },
      { ...common, status: 'unsubscribed' },
      { ...common, status: 'unsubscribed' },
    ]);
  });

  it('keeps an event that lacks the custom arg (matched by external id instead)', () => {
    expect(parseSendGridEvents([{ event: 'delivered', timestamp: 1_700_000_000, sg_message_id: 'xyz.filter.0' }])).toEqual([{ status: 'delivered', at, externalId: 'xyz' }]);
  });

  it('skips malformed and untracked entries instead of throwing', () => {
    const events = parseSendGridEvents([
      null,
      42,
      'delivered',
      [],
      { ...base },
      { ...base, event: 'group_resubscribe' },
      { ...base, event: 'delivered', timestamp: 'yesterday' },
      { ...base, event: 42 },
      { ...base, event: 'open' },
    ]);
    expect(events).toEqual([{ ...common, status: 'opened' }]);
  });

  it('throws when the body is not an array', () => {
    expect(() => parseSendGridEvents({ event: 'delivered' })).toThrow(/array/);
    expect(() => parseSendGridEvents(null)).toThrow(/array/);
  });
});
