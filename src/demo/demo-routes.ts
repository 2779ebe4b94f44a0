import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { ParleyError } from '../errors.ts';
import { verifyWebhook } from '../crypto/standard-webhooks.ts';
import { NoContent, Shape, answers } from '../http/contract.ts';
import { DEMO_USERS, type DemoUser, demoUser } from './users.ts';

/** How long a demo session lasts. */
export const DEMO_SESSION_SECONDS = 12 * 3600;

/** Where demo mode's own webhook receiver is: the demo seller's CRM endpoint points here. */
export const DEMO_RECEIVER_PATH = '/demo/crm-receiver';

/** The demo receiver's URL, as the demo seller registers it (Parley's public URL). */
export function demoReceiverUrl(publicUrl: string): string {
  return `${publicUrl}${DEMO_RECEIVER_PATH}`;
}

/** What the sign-in page shows of a demo user. */
export function publicUser(user: DemoUser) {
  return { userId: user.userId, name: user.name, role: user.role, description: user.description };
}

/**
 * A user JWT for a demo user, exactly as the marketplace would sign one: HS256 with the
 * configured secret, `sub`, `role`, `name`, `locale` (the contact's), expiring after `seconds`.
 */
export async function signDemoToken(jwtSecret: string, user: DemoUser, seconds = DEMO_SESSION_SECONDS): Promise<{ token: string; expiresAt: string }> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ role: user.role, name: user.name, locale: user.contact.locale })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.userId)
    .setIssuedAt(now)
    .setExpirationTime(now + seconds)
    .sign(new TextEncoder().encode(jwtSecret));
  return { token, expiresAt: new Date((now + seconds) * 1000).toISOString() };
}

const DemoUserView = Shape({
  userId: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('buyer'), Type.Literal('seller'), Type.Literal('moderator'), Type.Literal('operator')]),
  description: Type.String(),
});

const DemoSession = Shape({
  token: Type.String({ description: 'A user JWT: send it as the bearer token.' }),
  expiresAt: Type.String({ format: 'date-time' }),
  user: DemoUserView,
});

/**
 * Demo mode's sign-in: anyone may list the demo users and take a session as one of them.
 * Registered only when demo mode is on (`--demo` or PARLEY_DEMO=1).
 */
export async function demoRoutes(
  app: FastifyInstance,
  { jwtSecret, publicUrl, signingSecrets }: { jwtSecret: string | undefined; publicUrl: string; signingSecrets: (url: string) => Promise<string[]> },
) {
  if (!jwtSecret) throw new Error('demo mode needs PARLEY_JWT_SECRET to sign its users\' sessions');
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['demo'];

  r.get(
    '/demo/users',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listDemoUsers',
        tags,
        summary: 'The demo users to pick from (demo mode only)',
        security: [],
        response: answers({ 200: Shape({ users: Type.Array(DemoUserView) }) }, [], { public: true }),
      },
    },
    async () => ({ users: DEMO_USERS.map(publicUser) }),
  );

  r.post(
    '/demo/session',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signInAsDemoUser',
        tags,
        summary: 'Sign in as a demo user: a user JWT valid for 12 hours (demo mode only)',
        security: [],
        body: Shape({ userId: Type.String({ minLength: 1, maxLength: 128 }) }),
        response: answers({ 200: DemoSession }, [404], { public: true }),
      },
    },
    async (request) => {
      const user = demoUser(request.body.userId);
      if (!user) {
        throw new ParleyError('not_found', 'demo_user_not_found', `There is no demo user "${request.body.userId}"; GET /demo/users lists the ones to pick from.`);
      }
      const { token, expiresAt } = await signDemoToken(jwtSecret, user);
      return { token, expiresAt, user: publicUser(user) };
    },
  );

  await app.register(demoReceiverRoute, { url: demoReceiverUrl(publicUrl), signingSecrets });
}

/**
 * A stand-in for the demo seller's CRM: it takes Parley's event webhooks as a receiver would,
 * verifying the Standard Webhooks signature with the secret of the endpoint registered for this
 * URL, and answers 204 (a bad or missing signature: 401). Demo mode only.
 */
async function demoReceiverRoute(app: FastifyInstance, { url, signingSecrets }: { url: string; signingSecrets: (url: string) => Promise<string[]> }) {
  // The signature is over the body exactly as sent.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.post(
    DEMO_RECEIVER_PATH,
    {
      config: { access: 'public' },
      schema: {
        operationId: 'receiveDemoWebhook',
        tags: ['demo'],
        summary: "The demo seller's CRM: takes signed event webhooks (demo mode only)",
        description: 'Verifies webhook-id, webhook-timestamp and webhook-signature with the secret of the endpoint registered for this URL; 204 when one matches, 401 invalid_signature otherwise.',
        security: [],
        response: answers({ 204: NoContent }, [401, 413, 415], { public: true }),
      },
    },
    async (request, reply) => {
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : '';
      };
      const body = typeof request.body === 'string' ? request.body : '';
      const headers = { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') };
      const secrets = headers.id && headers.signature ? await signingSecrets(url) : [];
      if (!secrets.some((secret) => verifyWebhook(secret, headers, body))) {
        throw new ParleyError('unauthenticated', 'invalid_signature', 'The webhook-signature header is missing or is not the signature of this body with the endpoint\'s secret.');
      }
      return reply.code(204).send();
    },
  );
}
