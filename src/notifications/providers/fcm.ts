import { createPrivateKey, type KeyObject } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import { SignJWT } from 'jose';
import { bodyText, DEFAULT_TIMEOUT_MS, httpFailure, parseRetryAfter, request, type HttpResponse } from './http.ts';
import { type PushMessage, type Provider, ProviderError, type SendResult, type ProviderContext } from './types.ts';

/**
 * Firebase Cloud Messaging, HTTP v1 API:
 * https://firebase.google.com/docs/reference/fcm/rest/v1/projects.messages/send
 * Authenticated with an OAuth 2.0 access token obtained from a service-account JWT
 * (https://developers.google.com/identity/protocols/oauth2/service-account#httprest).
 */
export const FcmOptions = Type.Object({
  serviceAccount: Type.Object(
    {
      project_id: Type.String({ minLength: 1 }),
      client_email: Type.String({ minLength: 1 }),
      private_key: Type.String({ minLength: 1, description: 'PKCS#8 PEM, as in the downloaded key file' }),
      private_key_id: Type.Optional(Type.String()),
      token_uri: Type.Optional(Type.String({ minLength: 1 })),
    },
    // The downloaded key file has more fields (type, client_id, auth_uri, ...): accept it whole.
    { additionalProperties: true, description: 'The service-account key file (JSON object) from the Firebase console' },
  ),
  projectId: Type.Optional(Type.String({ minLength: 1, description: "Overrides the service account's project_id" })),
  baseUrl: Type.Optional(Type.String({ minLength: 1, default: 'https://fcm.googleapis.com' })),
  tokenUrl: Type.Optional(Type.String({ minLength: 1, description: "Defaults to the service account's token_uri" })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
});

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const DEFAULT_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** An access token is replaced this long before Google says it expires. */
const EXPIRY_MARGIN_MS = 60_000;

interface GoogleError {
  error?: { code?: number; message?: string; status?: string; details?: { '@type'?: string; errorCode?: string }[] };
}

export function fcmProvider(options: Static<typeof FcmOptions>, context: ProviderContext): Provider<'push'> {
  const account = options.serviceAccount;
  // Parsed up front, so a broken key fails at startup rather than on the first send.
  let key: KeyObject;
  try {
    key = createPrivateKey(account.private_key);
  } catch {
    throw new Error(`fcm provider ${context.name}: serviceAccount.private_key is not a PEM private key`);
  }
  const project = options.projectId ?? account.project_id;
  const baseUrl = (options.baseUrl ?? 'https://fcm.googleapis.com').replace(/\/+$/, '');
  const tokenUrl = options.tokenUrl ?? account.token_uri ?? DEFAULT_TOKEN_URL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const sendUrl = `${baseUrl}/v1/projects/${encodeURIComponent(project)}/messages:send`;

  let cached: { token: string; refreshAt: number } | undefined;
  let exchanging: Promise<string> | undefined;

  /** The cached access token, or one exchange shared by every send that needs a new one. */
  function accessToken(): Promise<string> {
    if (cached && Date.now() < cached.refreshAt) return Promise.resolve(cached.token);
    exchanging ??= exchange().finally(() => {
      exchanging = undefined;
    });
    return exchanging;
  }

  async function exchange(): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(account.private_key_id ? { kid: account.private_key_id } : {}) })
      .setIssuer(account.client_email)
      .setAudience(tokenUrl)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(key);
    const response = await request(
      tokenUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      },
      timeoutMs,
    );
    const text = await bodyText(response);
    if (!response.ok) {
      // {"error":"invalid_grant","error_description":"Invalid JWT Signature."}
      const body = parseJson<{ error?: string; error_description?: string }>(text);
      const detail = body?.error ? `${body.error}${body.error_description ? `: ${body.error_description}` : ''}` : text;
      // 408, 429 and 5xx are retryable; any other 4xx (invalid_grant, invalid_client) means our credentials are wrong.
      const transient = response.status === 408 || response.status === 429 || response.status >= 500;
      throw httpFailure('Google OAuth', response, detail, transient ? undefined : 'unauthorized');
    }
    const body = parseJson<{ access_token?: string; expires_in?: number }>(text);
    if (!body?.access_token) throw new ProviderError('retryable', 'server_error', 'Google OAuth answered without an access_token');
    const lifetimeMs = (body.expires_in ?? 3600) * 1000;
    cached = { token: body.access_token, refreshAt: Date.now() + Math.max(lifetimeMs - EXPIRY_MARGIN_MS, lifetimeMs / 2) };
    context.log.debug({ expiresIn: body.expires_in }, 'fcm: access token obtained');
    return body.access_token;
  }

  async function post(token: string, body: string): Promise<HttpResponse> {
    return request(sendUrl, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body }, timeoutMs);
  }

  return {
    channel: 'push',
    type: 'fcm',
    name: context.name,
    endpoint: sendUrl,
    platforms: ['android', 'ios', 'web'],
    async send(message: PushMessage): Promise<SendResult> {
      const body = JSON.stringify({ message: fcmMessage(message) });
      let token = await accessToken();
      let response = await post(token, body);
      let error = response.ok ? undefined : parseJson<GoogleError>(await bodyText(response));
      // An access token revoked or expired early: drop it (unless a concurrent send already
      // did) and try once more with a fresh one. THIRD_PARTY_AUTH_ERROR is about APNs or
      // Web Push credentials, which a new token does not fix.
      if (response.status === 401 && fcmErrorCode(error) !== 'THIRD_PARTY_AUTH_ERROR') {
        if (cached?.token === token) cached = undefined;
        token = await accessToken();
        response = await post(token, body);
        error = response.ok ? undefined : parseJson<GoogleError>(await bodyText(response));
      }
      if (!response.ok) throw classify(response, error);
      const ok = parseJson<{ name?: string }>(await bodyText(response));
      return { externalId: ok?.name };
    },
  };
}

/** The v1 Message: a notification for every platform plus the ids our callbacks need as data. */
function fcmMessage(m: PushMessage): Record<string, unknown> {
  const high = m.priority === 'high';
  const data: Record<string, string> = { parley_delivery_id: m.deliveryId, parley_request_id: m.requestId };
  if (m.action) data.action_type = m.action.type;
  if (m.action?.url) data.action_url = m.action.url;
  // Action buttons: the category (the Android intent action, the iOS category), the buttons and
  // the URL their actions post to travel as data, which the apps read; Web Push shows them itself.
  const buttons = m.interactive;
  if (buttons) {
    data.parley_category = buttons.category;
    data.parley_actions = JSON.stringify(buttons.actions);
    data.parley_action_url = buttons.actionUrl;
  }
  // FCM rejects a non-HTTPS webpush link with INVALID_ARGUMENT.
  const link = m.action?.url?.startsWith('https://') ? m.action.url : undefined;
  const webNotification = {
    ...(m.icon ? { icon: m.icon } : {}),
    ...(buttons ? { actions: buttons.actions.map((a) => ({ action: a.id, title: a.title })) } : {}),
  };
  return {
    token: m.device.token,
    notification: { title: m.title, body: m.body, ...(m.imageUrl ? { image: m.imageUrl } : {}) },
    data,
    android: { priority: high ? 'high' : 'normal', ttl: `${m.ttlSeconds}s`, ...(buttons ? { notification: { click_action: buttons.category } } : {}) },
    apns: { headers: { 'apns-priority': high ? '10' : '5' }, ...(buttons ? { payload: { aps: { category: buttons.category } } } : {}) },
    webpush: {
      headers: { TTL: String(m.ttlSeconds) },
      ...(Object.keys(webNotification).length ? { notification: webNotification } : {}),
      ...(link ? { fcm_options: { link } } : {}),
    },
  };
}

function fcmErrorCode(body: GoogleError | undefined): string | undefined {
  const detail = body?.error?.details?.find((d) => d['@type'] === 'type.googleapis.com/google.firebase.fcm.v1.FcmError');
  return detail?.errorCode ?? body?.error?.status;
}

/** https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode */
function classify(response: HttpResponse, body: GoogleError | undefined): ProviderError {
  const status = response.status;
  const code = fcmErrorCode(body);
  const message = `FCM answered ${status}${code ? ` ${code}` : ''}${body?.error?.message ? `: ${body.error.message}` : ''}`;
  switch (code) {
    case 'UNREGISTERED':
      // FCM gives no time: the token is unregistered as of this answer.
      return new ProviderError('permanent', 'invalid_token', message, { status, invalidToken: true, unregisteredAt: new Date() });
    case 'SENDER_ID_MISMATCH':
      return new ProviderError('permanent', 'invalid_token', message, { status, invalidToken: true });
    case 'INVALID_ARGUMENT': {
      // "The registration token is not a valid FCM registration token" vs. a bad field of ours.
      const badToken = /registration token/i.test(body?.error?.message ?? '');
      return new ProviderError('permanent', badToken ? 'invalid_token' : 'invalid_request', message, { status, invalidToken: badToken });
    }
    case 'QUOTA_EXCEEDED':
      return new ProviderError('retryable', 'rate_limited', message, { status, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
    case 'THIRD_PARTY_AUTH_ERROR':
      return new ProviderError('permanent', 'unauthorized', message, { status });
    default:
      // UNAVAILABLE (503), INTERNAL (500), UNAUTHENTICATED after a fresh token, PERMISSION_DENIED, ...
      return httpFailure('FCM', response, `${code ?? ''}${body?.error?.message ? `: ${body.error.message}` : ''}`);
  }
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
