import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jwtVerify } from 'jose';
import { answerQueue, sendJson, serve } from './http.ts';

/**
 * A local Firebase Cloud Messaging: Google's OAuth token endpoint (service-account JWT
 * bearer grant) and the HTTP v1 messages:send endpoint, with Google's error shapes.
 */

/** One scripted answer for messages:send; a number answers Google's error for that status. */
export type FcmAnswer =
  | 'ok'
  | 'unregistered'
  | 'invalid_token'
  | 'sender_id_mismatch'
  | 'third_party_auth'
  | 400
  | 401
  | 429
  | 500
  | 503;

/** One scripted answer for the token endpoint. */
export type TokenAnswer = 'ok' | 'invalid_grant' | 500 | 503;

export interface FcmRequest {
  project: string;
  authorization: string;
  message: FcmMessage;
}

export interface FcmMessage {
  token: string;
  notification: { title: string; body: string; image?: string };
  data: Record<string, string>;
  android: { priority: string; ttl: string; notification?: { click_action?: string } };
  apns: { headers: Record<string, string>; payload?: { aps?: { category?: string } } };
  webpush: { headers: Record<string, string>; notification?: { icon?: string; actions?: { action: string; title: string }[] }; fcm_options?: { link?: string } };
}

export interface ServiceAccount {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  token_uri: string;
}

export interface FakeFcm {
  url: string;
  /** token_uri points at this fake. */
  serviceAccount: ServiceAccount;
  /** Accepted messages:send requests, parsed. */
  requests: FcmRequest[];
  /** How many access tokens the token endpoint has issued. */
  readonly exchanges: number;
  script(...answers: FcmAnswer[]): void;
  scriptToken(...answers: TokenAnswer[]): void;
  /** Invalidates every issued access token, as Google does when a token is revoked. */
  revokeTokens(): void;
  close(): Promise<void>;
}

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const FCM_ERROR = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';

export async function startFakeFcm(options: { projectId?: string; expiresIn?: number } = {}): Promise<FakeFcm> {
  const projectId = options.projectId ?? 'parley-test';
  const expiresIn = options.expiresIn ?? 3599;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientEmail = `parley@${projectId}.iam.gserviceaccount.com`;
  const requests: FcmRequest[] = [];
  const answers = answerQueue<FcmAnswer>();
  const tokenAnswers = answerQueue<TokenAnswer>();
  /** Issued access tokens and when each expires (ms). */
  const issued = new Map<string, number>();
  let exchanges = 0;
  let messageCounter = 0;

  const { url, close } = await serve((req, body, res) => {
    if (req.method === 'POST' && req.url === '/token') return token(body, res);
    const match = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(req.url ?? '');
    if (req.method === 'POST' && match) return send(decodeURIComponent(match[1]!), req, body, res);
    googleError(res, 404, 'NOT_FOUND', `The requested URL ${req.url} was not found on this server.`);
  });

  /** https://developers.google.com/identity/protocols/oauth2/service-account#httprest */
  async function token(body: string, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(body);
    const grantType = form.get('grant_type');
    if (grantType !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      return oauthError(res, 400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
    }
    try {
      const { payload, protectedHeader } = await jwtVerify(form.get('assertion') ?? '', publicKey, {
        algorithms: ['RS256'],
        issuer: clientEmail,
        audience: account.token_uri,
        requiredClaims: ['iat', 'exp', 'scope'],
      });
      if (protectedHeader.kid !== undefined && protectedHeader.kid !== account.private_key_id) throw new Error('unknown kid');
      if (payload.exp! - payload.iat! > 3600) return oauthError(res, 400, 'invalid_grant', 'Invalid JWT: Expiration time must be at most one hour after issued time.');
      if (!String(payload.scope).split(' ').includes(SCOPE)) return oauthError(res, 400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    } catch {
      return oauthError(res, 400, 'invalid_grant', 'Invalid JWT Signature.');
    }
    const answer = tokenAnswers.next();
    if (answer === 'invalid_grant') return oauthError(res, 400, 'invalid_grant', 'Invalid grant: account not found');
    if (typeof answer === 'number') return oauthError(res, answer, 'internal_failure', 'Backend Error');
    exchanges += 1;
    const accessToken = `ya29.${randomBytes(24).toString('base64url')}`;
    issued.set(accessToken, Date.now() + expiresIn * 1000);
    json(res, 200, { access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' });
  }

  /** https://firebase.google.com/docs/reference/fcm/rest/v1/projects.messages/send */
  function send(project: string, req: IncomingMessage, body: string, res: ServerResponse): void {
    const authorization = req.headers.authorization ?? '';
    const bearer = /^Bearer (.+)$/.exec(authorization)?.[1];
    const expiresAt = bearer ? issued.get(bearer) : undefined;
    if (expiresAt === undefined || expiresAt <= Date.now()) {
      return googleError(res, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    }
    if (project !== projectId) {
      return googleError(res, 403, 'PERMISSION_DENIED', `Permission 'cloudmessaging.messages.create' denied on resource '//cloudresourcemanager.googleapis.com/projects/${project}' (or it may not exist).`);
    }
    let message: FcmMessage;
    try {
      message = (JSON.parse(body) as { message: FcmMessage }).message;
    } catch {
      return googleError(res, 400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.', 'INVALID_ARGUMENT');
    }
    const invalid = invalidField(message);
    if (invalid) return googleError(res, 400, 'INVALID_ARGUMENT', `Invalid value at '${invalid}'`, 'INVALID_ARGUMENT');

    const answer = answers.next();
    switch (answer) {
      case 'ok': {
        requests.push({ project, authorization, message });
        messageCounter += 1;
        return json(res, 200, { name: `projects/${project}/messages/0:${messageCounter}%${randomBytes(8).toString('hex')}` });
      }
      case 'unregistered':
        return googleError(res, 404, 'NOT_FOUND', 'Requested entity was not found.', 'UNREGISTERED');
      case 'invalid_token':
        return googleError(res, 400, 'INVALID_ARGUMENT', 'The registration token is not a valid FCM registration token', 'INVALID_ARGUMENT');
      case 'sender_id_mismatch':
        return googleError(res, 403, 'PERMISSION_DENIED', 'SenderId mismatch', 'SENDER_ID_MISMATCH');
      case 'third_party_auth':
        return googleError(res, 401, 'UNAUTHENTICATED', 'Auth error from APNS or Web Push Service', 'THIRD_PARTY_AUTH_ERROR');
      case 400:
        return googleError(res, 400, 'INVALID_ARGUMENT', "Invalid value at 'message.data[0].value'", 'INVALID_ARGUMENT');
      case 401:
        return googleError(res, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
      case 429:
        res.setHeader('retry-after', '30');
        return googleError(res, 429, 'RESOURCE_EXHAUSTED', 'Quota exceeded for quota metric', 'QUOTA_EXCEEDED');
      case 500:
        return googleError(res, 500, 'INTERNAL', 'Internal error encountered.', 'INTERNAL');
      case 503:
        return googleError(res, 503, 'UNAVAILABLE', 'The service is currently unavailable.', 'UNAVAILABLE');
    }
  }

  const account: ServiceAccount = {
    type: 'service_account',
    project_id: projectId,
    private_key_id: randomBytes(20).toString('hex'),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: clientEmail,
    token_uri: `${url}/token`,
  };

  return {
    url,
    serviceAccount: account,
    requests,
    get exchanges() {
      return exchanges;
    },
    script: answers.script,
    scriptToken: tokenAnswers.script,
    revokeTokens: () => issued.clear(),
    close,
  };
}

/** The first field FCM would reject, as its path in the message; undefined when the shape is right. */
function invalidField(m: FcmMessage | undefined): string | undefined {
  if (!m || typeof m !== 'object') return 'message';
  if (typeof m.token !== 'string' || m.token === '') return 'message.token';
  if (typeof m.notification?.title !== 'string' || typeof m.notification.body !== 'string') return 'message.notification';
  for (const [k, v] of Object.entries(m.data ?? {})) if (typeof v !== 'string') return `message.data[${k}]`;
  if (!['high', 'normal'].includes(m.android?.priority)) return 'message.android.priority';
  if (!/^\d+(\.\d{1,9})?s$/.test(m.android.ttl)) return 'message.android.ttl';
  if (m.android.notification !== undefined && typeof m.android.notification.click_action !== 'string') return 'message.android.notification.click_action';
  if (!['5', '10'].includes(m.apns?.headers?.['apns-priority'] ?? '')) return 'message.apns.headers';
  // apns.payload is the APNs payload itself: it needs its aps dictionary.
  if (m.apns.payload !== undefined && (typeof m.apns.payload.aps !== 'object' || m.apns.payload.aps === null)) return 'message.apns.payload';
  const actions = m.webpush?.notification?.actions;
  if (actions !== undefined && (!Array.isArray(actions) || actions.some((a) => typeof a?.action !== 'string' || typeof a.title !== 'string'))) return 'message.webpush.notification.actions';
  if (!/^\d+$/.test(m.webpush?.headers?.TTL ?? '')) return 'message.webpush.headers';
  const link = m.webpush.fcm_options?.link;
  if (link !== undefined && !link.startsWith('https://')) return 'message.webpush.fcm_options.link';
  return undefined;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body, { 'content-type': 'application/json; charset=UTF-8' });
}

function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  json(res, status, { error, error_description: description });
}

/** Google's API error body, with the FcmError detail when FCM names an error code. */
function googleError(res: ServerResponse, code: number, status: string, message: string, errorCode?: string): void {
  const details = errorCode ? [{ '@type': FCM_ERROR, errorCode }] : [];
  json(res, code, { error: { code, message, status, details } });
}
