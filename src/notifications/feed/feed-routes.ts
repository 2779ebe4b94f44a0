import { Type } from '@sinclair/typebox';
import type { AccessPolicy } from '../../access/policy.ts';
import { Shape, answers, nextCursor } from '../../http/contract.ts';
import type { App } from '../../http/instance.ts';
import type { Feed } from './in-app-feed.ts';

const tags = ['in-app feed'];
const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });

/** An in-app notification as the feed (and the notification.created event) shows it. */
export const FeedItem = Shape({
  logId: Uuid,
  requestId: Uuid,
  notificationType: Type.String(),
  title: Type.String(),
  body: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  action: Type.Union([Shape({ type: Type.String(), url: Type.Optional(Type.String()) }), Type.Null()]),
  createdAt: Instant,
  seenAt: Type.Union([Instant, Type.Null()]),
  readAt: Type.Union([Instant, Type.Null()]),
  openedAt: Type.Optional(Type.Union([Instant, Type.Null()], { description: 'When the user first opened it (POST /notifications/:logId/opened or /clicked); in the feed, not in notification.created.' })),
});
const Mark = Type.Object(
  { logIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 500 })), all: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, description: 'logIds, or all: true.' },
);
const Marked = Shape({ marked: Type.Integer({ description: 'Items newly marked.' }), unread: Type.Integer() });

/** The caller's own in-app notifications. */
export async function feedRoutes(app: App, { feed, access }: { feed: Feed; access: AccessPolicy }) {
  app.get(
    '/me/notifications',
    {
      config: { access: 'notification.feed' },
      schema: {
        operationId: 'listMyNotifications',
        tags,
        summary: "The caller's in-app notifications, newest first",
        querystring: Type.Object(
          { unread: Type.Optional(Type.Boolean()), cursor: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
          { additionalProperties: false },
        ),
        response: answers({ 200: Shape({ notifications: Type.Array(FeedItem), nextCursor, unread: Type.Integer() }) }),
      },
    },
    async (request) => {
      await access.requireAccess(request.principal, 'notification.feed');
      return feed.list(request.principal.userId, request.query);
    },
  );

  app.get(
    '/me/notifications/unread-count',
    {
      config: { access: 'notification.feed' },
      schema: { operationId: 'countMyUnreadNotifications', tags, summary: 'How many in-app notifications are unread', response: answers({ 200: Shape({ unread: Type.Integer() }) }) },
    },
    async (request) => {
      await access.requireAccess(request.principal, 'notification.feed');
      return { unread: await feed.unreadCount(request.principal.userId) };
    },
  );

  app.post(
    '/me/notifications/read',
    {
      config: { access: 'notification.feed' },
      schema: { operationId: 'markMyNotificationsRead', tags, summary: 'Mark notifications read (logIds, or all)', body: Mark, response: answers({ 200: Marked }, [404, 413, 415]) },
    },
    async (request) => {
      await access.requireAccess(request.principal, 'notification.feed');
      return feed.mark(request.principal.userId, 'read', request.body);
    },
  );

  app.post(
    '/me/notifications/seen',
    {
      config: { access: 'notification.feed' },
      schema: { operationId: 'markMyNotificationsSeen', tags, summary: 'Mark notifications seen (the list was shown)', body: Mark, response: answers({ 200: Marked }, [404, 413, 415]) },
    },
    async (request) => {
      await access.requireAccess(request.principal, 'notification.feed');
      return feed.mark(request.principal.userId, 'seen', request.body);
    },
  );

  app.post(
    '/me/notifications/:logId/click',
    {
      config: { access: 'notification.feed' },
      schema: {
        operationId: 'clickMyNotification',
        tags,
        summary: "Record that the user followed a notification's action",
        params: Type.Object({ logId: Type.String() }),
        response: answers({ 200: Shape({ logId: Uuid, unread: Type.Integer() }) }, [404]),
      },
    },
    async (request) => {
      await access.requireAccess(request.principal, 'notification.feed');
      return feed.clicked(request.principal.userId, request.params.logId);
    },
  );
}
