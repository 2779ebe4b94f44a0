import { type Static, Type } from '@sinclair/typebox';
import { DEFAULT_TIMEOUT_MS, bodyText, httpFailure, parseRetryAfter, request, type HttpResponse } from './http.ts';
import { type Provider, type ProviderContext, ProviderError, type SendResult, type WhatsAppMessage } from './types.ts';

/**
 * WhatsApp Business Cloud API: POST https://graph.facebook.com/{version}/{phone-number-id}/messages
 * with a bearer token (a system user's access token), JSON body.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
 *
 * Free text may only be sent inside the 24-hour customer-service window (opened by the
 * recipient's last message); outside it only an approved template goes. The dispatcher picks
 * which one (whatsapp/service-windows.ts); this adapter sends what it is given. The Cloud API
 * takes no idempotency key; status webhooks name the message by the `wamid` answered here.
 */

export const WhatsAppOptions = Type.Object({
  phoneNumberId: Type.String({ pattern: '^[0-9]{1,32}$', description: 'The WhatsApp Business phone number id (not the phone number).' }),
  accessToken: Type.String({ minLength: 1, description: 'A system user access token with whatsapp_business_messaging.' }),
  appSecret: Type.Optional(Type.String({ minLength: 1, description: "The Meta app's secret: status webhooks are verified with it (X-Hub-Signature-256)." })),
  verifyToken: Type.Optional(Type.String({ minLength: 1, description: 'The token entered in the app dashboard; the webhook verification request (GET) must carry it.' })),
  /** Default v21.0. */
  apiVersion: Type.Optional(Type.String({ pattern: '^v[0-9]+\\.[0-9]+$' })),
  /** Default https://graph.facebook.com. */
  baseUrl: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000, default: DEFAULT_TIMEOUT_MS })),
});

/** The Graph API's error body. */
interface GraphError {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number; fbtrace_id?: string; error_data?: { details?: string } };
}

/** Error codes that say something about the message or recipient, and what Parley calls them. */
const PERMANENT: Record<number, string> = {
  190: 'unauthorized', // Access token expired or invalid
  131047: 'outside_service_window', // Re-engagement message: more than 24 hours since the customer last replied
  131026: 'undeliverable', // Message undeliverable (not a WhatsApp user, old app version, ...)
  131021: 'invalid_address', // Recipient cannot be sender
  132000: 'template_parameters_mismatch', // Number of parameters does not match the template
  132001: 'template_not_found', // Template name does not exist in the translation
  131051: 'unsupported_message_type',
  100: 'invalid_parameter',
};
/** Throttling: the pair rate limit, the business's rate limit, and spam limits. */
const RATE_LIMITS = new Set([130429, 131056, 80007, 4]);

export function whatsAppProvider(options: Static<typeof WhatsAppOptions>, context: ProviderContext): Provider<'whatsapp'> {
  const baseUrl = (options.baseUrl ?? 'https://graph.facebook.com').replace(/\/+$/, '');
  const endpoint = `${baseUrl}/${options.apiVersion ?? 'v21.0'}/${options.phoneNumberId}/messages`;
  const authorization = `Bearer ${options.accessToken}`;

  return {
    channel: 'whatsapp',
    type: 'whatsapp',
    name: context.name,
    endpoint,
    async send(message: WhatsAppMessage): Promise<SendResult> {
      const response = await request(
        endpoint,
        { method: 'POST', headers: { authorization, 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(messageBody(message)) },
        options.timeoutMs,
      );
      const text = await bodyText(response);
      if (response.status === 200) {
        const id = parse<{ messages?: { id?: string }[] }>(text)?.messages?.[0]?.id;
        return { externalId: id };
      }
      throw classify(response, text);
    },
  };
}

/** The Cloud API's request body: a text message, or a template with its body parameters. */
export function messageBody(message: WhatsAppMessage): Record<string, unknown> {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to.replace(/^\+/, '') };
  if (message.template) {
    const { name, language, parameters = [] } = message.template;
    const components = parameters.length ? [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }] : undefined;
    return { ...base, type: 'template', template: { name, language: { code: language }, ...(components && { components }) } };
  }
  return { ...base, type: 'text', text: { preview_url: false, body: message.text ?? '' } };
}

function classify(response: HttpResponse, text: string): ProviderError {
  const error = parse<GraphError>(text)?.error;
  const code = error?.code;
  const detail = error ? `${code ?? ''} ${error.message ?? ''}${error.error_data?.details ? ` (${error.error_data.details})` : ''}`.trim() : text;
  const status = response.status;
  if (code !== undefined && RATE_LIMITS.has(code)) {
    return new ProviderError('retryable', 'rate_limited', `WhatsApp answered ${status}: ${detail}`, { status, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
  }
  if (code !== undefined && PERMANENT[code] && status < 500) {
    return new ProviderError('permanent', PERMANENT[code]!, `WhatsApp answered ${status}: ${detail}`, { status });
  }
  // 5xx and code 131000 (something went wrong) and the rest take the common classification.
  return httpFailure('WhatsApp', response, detail);
}

function parse<T>(text: string): T | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
