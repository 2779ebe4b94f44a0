import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { Shape, answers } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import { CLICK_PATH, type Engagement, OPEN_PATH, type Visit } from './engagement.ts';

/** A transparent 1×1 GIF: every answer of the open pixel. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** A signed link token: base64url payload, a dot, a base64url MAC of 16 bytes. */
const Token = Type.String({ pattern: '^[A-Za-z0-9_-]{1,480}\\.[A-Za-z0-9_-]{22}$', description: 'The signed token Parley wrote into the message.' });
const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const Reported = Shape({
  logId: Uuid,
  channel: Type.String(),
  status: Type.String({ description: 'The delivery status after this report: it only moves forward (sent, delivered → opened → clicked).' }),
  first: Type.Boolean({ description: 'This was the first open (or click) recorded for the notification.' }),
  openedAt: Type.Union([Instant, Type.Null()], { description: 'The first open (a click counts as one).' }),
  clickedAt: Type.Union([Instant, Type.Null()]),
});

function visit(request: FastifyRequest): Visit {
  const ua = request.headers['user-agent'];
  return { method: request.method, userAgent: Array.isArray(ua) ? ua[0] : ua, ip: request.ip, at: new Date() };
}

/**
 * The open pixel and the click redirect written into emails (public: the signed token is the
 * credential), and the reports of opens and clicks the app and the SDK send for push and in-app
 * notifications (the recipient's own only).
 */
export async function engagementRoutes(app: App, { engagement }: { engagement: Engagement }) {
  const tags = ['engagement tracking'];

  app.get(
    `${OPEN_PATH}/:token`,
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getOpenPixel',
        tags,
        summary: "An email's open pixel: records the open, answers a 1×1 GIF",
        description:
          'Written into every tracked email as a 1×1 image. Always the same transparent GIF, never cached, whatever the token: a forged, altered or unknown token records nothing and tells nothing. A person\'s first open sets the delivery\'s openedAt; opens judged a machine\'s (HEAD requests, Apple Mail Privacy Protection, security scanners, a fetch within 2 s of sending) are recorded apart.',
        security: [],
        params: Type.Object({ token: Token }),
        response: answers({ 200: Type.String({ format: 'binary', description: 'image/gif, 1×1, transparent.' }) }, [], { public: true }),
      },
    },
    async (request, reply) => {
      await engagement.opened(request.params.token, visit(request)).catch((err: Error) => request.log.warn({ err: err.message }, 'recording an open failed'));
      return reply
        .header('Content-Type', 'image/gif')
        .header('Content-Length', String(PIXEL.length))
        .header('Cache-Control', 'no-store, no-cache, must-revalidate, private, max-age=0')
        .header('Pragma', 'no-cache')
        .header('Expires', '0')
        .header('Referrer-Policy', 'no-referrer')
        .send(PIXEL);
    },
  );

  app.get(
    `${CLICK_PATH}/:token`,
    {
      config: { access: 'public' },
      schema: {
        operationId: 'followTrackedLink',
        tags,
        summary: 'A tracked link of an email: records the click, redirects (302) to the link as it was written',
        description:
          "Every http(s) link of a tracked email leads here. The token names the delivery and the link's place in that message; the redirect goes only to the URL stored for it when the message was sent (never to a URL from the request). A forged or altered token, or a link the message does not have, is 404 link_not_found and records nothing. A person's first click sets the delivery's clickedAt; clicks judged a machine's (HEAD requests, security scanners, within 2 s of sending, every link at once) are recorded apart.",
        security: [],
        params: Type.Object({ token: Token }),
        response: answers({ 302: Type.Null({ description: 'Redirect: the Location header is the link as written in the message.' }) }, [404], { public: true }),
      },
    },
    async (request, reply) => {
      const url = await engagement.clicked(request.params.token, visit(request));
      return reply.header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer').redirect(url, 302);
    },
  );

  for (const what of ['opened', 'clicked'] as const) {
    app.post(
      `/notifications/:logId/${what}`,
      {
        config: { access: 'notification.engage' },
        schema: {
          operationId: what === 'opened' ? 'reportNotificationOpened' : 'reportNotificationClicked',
          tags,
          summary: what === 'opened' ? 'Report that the recipient opened a push or in-app notification' : "Report that the recipient followed a push or in-app notification's action",
          description: `For the app and the SDK: the signed-in recipient reports their own notification (logId: the delivery's id, as the feed item's logId, or the push payload's parley_delivery_id). Anyone else's, or an unknown id, is 404. Email is not reported this way (409 tracked_by_message): its pixel and links record it. A notification not yet sent is 409 not_delivered. Repeating it records another ${what === 'opened' ? 'open' : 'click'}, never a second first one.${what === 'clicked' ? ' An in-app notification clicked is read too.' : ''}`,
          params: Type.Object({ logId: Type.String() }),
          response: answers({ 200: Reported }, [404, 409]),
        },
      },
      async (request) => engagement.reported(request.principal, request.params.logId, what, visit(request)),
    );
  }
}
