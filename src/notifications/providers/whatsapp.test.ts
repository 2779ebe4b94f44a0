import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeWhatsApp, startFakeWhatsApp } from '../../../test/support/fakes/whatsapp.ts';
import { type Classification, expectClassified, failure, providerContext, refusedUrl } from '../../../test/support/provider-tests.ts';
import type { WhatsAppMessage } from './types.ts';
import { whatsAppProvider } from './whatsapp.ts';

let wa: FakeWhatsApp;
beforeAll(async () => {
  wa = await startFakeWhatsApp();
  wa.approve('order_shipped', 'en_US', 2);
  wa.openWindow('14155550100');
});
afterAll(() => wa.close());
beforeEach(() => {
  wa.requests.length = 0;
});

const text = (overrides: Partial<WhatsAppMessage> = {}): WhatsAppMessage => ({ deliveryId: 'd-1', requestId: 'r-1', to: '+14155550100', text: 'Your parcel is on its way', ...overrides });

type Options = Parameters<typeof whatsAppProvider>[0];
const provider = (options: Partial<Options> = {}) => whatsAppProvider({ phoneNumberId: wa.phoneNumberId, accessToken: wa.accessToken, baseUrl: wa.url, ...options }, providerContext('whatsapp'));

describe('whatsAppProvider', () => {
  it('sends free text with the bearer token and returns the wamid', async () => {
    const result = await provider().send(text());
    expect(wa.requests).toHaveLength(1);
    const [request] = wa.requests;
    expect(result).toEqual({ externalId: request!.id });
    expect(request!.id).toMatch(/^wamid\./);
    expect(request!.body).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '14155550100', type: 'text', text: { preview_url: false, body: 'Your parcel is on its way' } });
  });

  it('sends a template with its body parameters, to a number whose window is closed', async () => {
    await provider().send(text({ to: '+447700900123', text: undefined, template: { name: 'order_shipped', language: 'en_US', parameters: ['A-1001', 'Thursday'] } }));
    expect(wa.requests[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '447700900123',
      type: 'template',
      template: {
        name: 'order_shipped',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'A-1001' }, { type: 'text', text: 'Thursday' }] }],
      },
    });
  });

  it('classifies free text outside the 24-hour window as outside_service_window (131047)', async () => {
    const error = await failure(provider().send(text({ to: '+447700900123' })));
    expectClassified(error, { kind: 'permanent', code: 'outside_service_window', status: 400 });
    expect(error.message).toContain('more than 24 hours');
    expect(wa.requests).toHaveLength(0);
  });

  it('classifies an unknown template and a wrong parameter count', async () => {
    const unknown = await failure(provider().send(text({ text: undefined, template: { name: 'no_such', language: 'en_US' } })));
    expectClassified(unknown, { kind: 'permanent', code: 'template_not_found', status: 404 });
    const mismatch = await failure(provider().send(text({ text: undefined, template: { name: 'order_shipped', language: 'en_US', parameters: ['A-1001'] } })));
    expectClassified(mismatch, { kind: 'permanent', code: 'template_parameters_mismatch', status: 400 });
  });

  it('classifies a wrong access token as permanent unauthorized (190) and a wrong phone number id as invalid_parameter', async () => {
    const token = await failure(provider({ accessToken: 'EAAwrong' }).send(text()));
    expectClassified(token, { kind: 'permanent', code: 'unauthorized', status: 401 });
    expect(token.message).toContain('190');
    const id = await failure(provider({ phoneNumberId: '1' }).send(text()));
    expectClassified(id, { kind: 'permanent', code: 'invalid_parameter', status: 400 });
    expect(wa.requests).toHaveLength(0);
  });

  it('classifies scripted answers', async () => {
    wa.script(
      401,
      429,
      { status: 400, code: 131026, message: 'Message undeliverable' },
      500,
      { status: 503, code: 131000, message: 'Something went wrong', retryAfter: '30' },
      { status: 400, code: 131056, message: '(Business Account, Consumer Account) pair rate limit hit' },
    );
    const adapter = provider();
    const expected: Classification[] = [
      { kind: 'permanent', code: 'unauthorized', status: 401 },
      { kind: 'retryable', code: 'rate_limited', status: 400 },
      { kind: 'permanent', code: 'undeliverable', status: 400 },
      { kind: 'retryable', code: 'server_error', status: 500 },
      { kind: 'retryable', code: 'server_error', status: 503, retryAfterMs: 30_000 },
      { kind: 'retryable', code: 'rate_limited', status: 400 },
    ];
    for (const answer of expected) expectClassified(await failure(adapter.send(text())), answer);
    expect(wa.requests).toHaveLength(0);
  });

  it('times out as retryable and treats a refused connection as retryable', async () => {
    wa.script('hang');
    expect(await failure(provider({ timeoutMs: 200 }).send(text()))).toMatchObject({ kind: 'retryable', code: 'timeout' });
    expect(await failure(provider({ baseUrl: await refusedUrl() }).send(text()))).toMatchObject({ kind: 'retryable', code: 'connection_failed' });
  });
});
