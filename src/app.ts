import type { Digests } from './notifications/digests/digests.ts';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { attachmentRoutes } from './attachments/attachment-routes.ts';
import { createAttachmentsService } from './attachments/attachment-service.ts';
import { createAttachmentStore } from './attachments/store.ts';
import { createMalwareScanner } from './attachments/malware-scan.ts';
import { createAuthenticator } from './auth/authenticate.ts';
import type { Principal } from './auth/principal.ts';
import type { Config } from './config.ts';
import { conversationRoutes } from './conversations/conversation-routes.ts';
import { createConversationsService } from './conversations/conversations-service.ts';
import { createParticipants } from './conversations/participants.ts';
import { createMessageAttachments } from './attachments/message-attachments.ts';
import { audienceRoutes, createAudiences } from './audiences/index.ts';
import { createConsentDesk } from './consents/consent-desk.ts';
import { type ConsentLog, createConsentLog } from './consents/consent-log.ts';
import { consentRoutes } from './consents/consent-routes.ts';
import { LinkSigner } from './crypto/signed-links.ts';
import { MessageCrypto } from './crypto/message-crypto.ts';
import { DATABASE_RETRY_AFTER_SECONDS, type DatabaseHealth, databaseUnavailable, isDatabaseUnavailable } from './db/availability.ts';
import { type DatabaseHandle, pendingMigrations } from './db/connect.ts';
import { ParleyError, invalid } from './errors.ts';
import { type AccessPolicy, type RouteAccess, createAccessPolicy, requireRole } from './access/policy.ts';
import { createAccessFacts } from './access/facts.ts';
import { errorHandler, frameworkErrors, inBatch, maxPathSegment, setValidators } from './http/error-handler.ts';
import { declareBodyRefusals } from './http/contract.ts';
import type { App } from './http/instance.ts';
import { responseChecker } from './http/response-check.ts';
import { healthSchema, metricsSchema, openApiSchema, readySchema } from './http/operations.ts';
import { unstorableText } from './http/input-text.ts';
import { unstorableNumber } from './http/input-numbers.ts';
import { createDeliveryTracker } from './messages/delivery-tracker.ts';
import { messageOrder } from './messages/message-events.ts';
import { messageRoutes } from './messages/message-routes.ts';
import { createMessagesService } from './messages/messages-service.ts';
import { createRateLimit } from './rate-limit.ts';
import { connectRedis } from './redis.ts';
import { type FanOut, localFanOut, redisFanOut } from './realtime/fanout.ts';
import { Hub } from './realtime/hub.ts';
import { createPresence } from './realtime/presence.ts';
import { realtimeRoutes } from './realtime/socket-routes.ts';
import { type Metrics, createMetrics } from './metrics.ts';
import type { Dispatcher } from './notifications/dispatcher.ts';
import type { JobRunner } from './marketplace/marketplace-jobs.ts';
import { createNotifications } from './notifications/index.ts';
import { createMarketplace } from './marketplace/index.ts';
import { createContacts } from './marketplace/contacts/user-contacts.ts';
import { type EmailReplies, createEmailReplies } from './email-replies/index.ts';
import { webAppRoutes } from './web.ts';
import { demoRoutes } from './demo/demo-routes.ts';
import { traceRequests } from './ops/tracing.ts';
import { findContacts } from './marketplace/contacts/sql/findContacts.ts';
import { erasureRoutes } from './privacy/erasure-routes.ts';
import { exportRoutes } from './privacy/export-routes.ts';
import { createUserErasure } from './privacy/user-erasure.ts';
import { createKpiService } from './kpis/kpi-service.ts';
import { createUptime } from './ops/uptime.ts';
import { kpiRoutes } from './kpis/kpi-routes.ts';
import { createUserExport } from './privacy/user-export.ts';
import { createEventRecorder } from './webhooks/event-recorder.ts';
import { type Webhooks, createWebhooks } from './webhooks/index.ts';
import { type Campaigns, createCampaigns } from './campaigns/index.ts';
import { assignVariant, compareVariants } from './experiments/index.ts';
import { createSendTimePlanner, sendTimeReaders } from './send-times/index.ts';
import { quietUntil } from './notifications/preferences/quiet-hours.ts';
import { type Tiers, createTiers } from './tiers/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyInstance {
    /** Handles for tests, benchmarks and shutdown. */
    parley: { dispatcher?: Dispatcher; metrics: Metrics; hub: Hub; marketplace: Marketplace; access: AccessPolicy; notificationJobs: JobRunner; digests: Digests; consents: ConsentLog; emailReplies: EmailReplies; webhooks: Webhooks; campaigns: Campaigns; tiers: Tiers };
  }
  interface FastifyContextConfig {
    /**
     * The permission a route needs (checked against the caller's role before the handler; the
     * service checks the resources with requireAccess), or why it needs none: 'public' (health,
     * readiness, the API description), 'provider_signed' (provider callbacks, which verify the
     * provider's signature), 'metrics_token' (PARLEY_METRICS_TOKEN when set).
     */
    access?: RouteAccess;
    /** Routes that anyone may call: health, readiness, the API description. */
    public?: boolean;
    /** A batch route: the body field holding its items, whose refusals are reported per item (400 invalid_batch). */
    batchOf?: string;
  }
}

type Marketplace = Awaited<ReturnType<typeof createMarketplace>>;

export type { App };

export interface BuildOptions {
  config: Config;
  database: DatabaseHandle;
  logger: Logger;
  /** A server span per request (tracing is on: see ops/tracing.ts). */
  traceRequests?: boolean;
}

/** Assembles the service: one object graph, no container. The caller owns the database handle. */
export async function buildApp({ config, database, logger, traceRequests: tracing = false }: BuildOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: config.bodyLimit,
    ajv: { customOptions: { removeAdditional: false } },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: maxPathSegment },
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();

  setValidators(app);
  if (tracing) traceRequests(app);
  closeConnectionsAsTheyTurnIdle(app);
  // Before any route (and before the OpenAPI document reads them): body routes declare 413 and 415.
  app.addHook('onRoute', (route) => declareBodyRefusals(route as Parameters<typeof declareBodyRefusals>[0]));

  const redis = config.redisUrl ? connectRedis({ url: config.redisUrl, role: 'commands', timeoutMs: config.redisTimeoutMs, log: logger }) : undefined;
  const db = database.db;
  const crypto = new MessageCrypto(config.encryptionKey);
  /** Signs the links recipients follow without signing in (tracking, unsubscribe, preference pages). */
  const links = new LinkSigner(config.encryptionKey, config.publicUrl);
  /** Who agreed to which promotions: written by the preference page, unsubscribe and SMS STOP. */
  const consents = createConsentLog(db);

  let presenceRef: ReturnType<typeof createPresence> | undefined;
  let inAppDelivered: ((logId: string) => void) | undefined;
  const hub = new Hub({
    presenceChanged: (userId, online) => presenceRef?.changed(userId, online),
    delivered: (payload) => {
      if (payload.type === 'notification.created') inAppDelivered?.((payload.notification as { logId: string }).logId);
    },
    order: messageOrder,
  });
  const fanOut: FanOut = config.redisUrl
    ? redisFanOut({
        url: config.redisUrl,
        prefix: config.redisPrefix,
        timeoutMs: config.redisTimeoutMs,
        deliver: hub.deliver,
        // Other nodes' events published while Redis was away never reached this node's sockets.
        restored: () => hub.resyncAll('fanout_restored'),
        log: logger,
      })
    : localFanOut(hub.deliver);
  await fanOut.ready();

  const sendLimit = createRateLimit({
    name: 'send',
    points: config.sendRateLimit,
    durationSeconds: config.sendRateWindowSeconds,
    redis,
    prefix: config.redisPrefix,
    what: 'messages',
  });
  const access = createAccessPolicy(createAccessFacts(db));
  /** Events for the event webhooks: the owners record them in their own transactions (src/webhooks). */
  const events = createEventRecorder();
  const participants = createParticipants(db);
  const messages = createMessagesService({
    db,
    access,
    participants,
    attachments: createMessageAttachments(db),
    crypto,
    fanOut,
    sendLimit,
    editWindowSeconds: config.editWindowSeconds,
    masking: config.marketplace.masking,
    unreadReminderSeconds: config.marketplace.unreadReminderSeconds,
    events,
  });
  const conversations = createConversationsService({ db, fanOut, access, events });
  const presence = createPresence({ peersOf: participants.peers, fanOut, hub, redis, prefix: config.redisPrefix, nodeId: fanOut.nodeId, logger });
  presenceRef = presence;
  const deliveries = createDeliveryTracker(messages.markDelivered, logger);
  const attachmentStore = createAttachmentStore({ db, dataDir: config.dataDir });
  const attachments = createAttachmentsService({ db, store: attachmentStore, access });
  const authenticator = createAuthenticator(config);

  const metrics = createMetrics();
  /** Every process marks the minutes it is up: the uptime KPI. */
  const uptime = createUptime(db, logger);
  /** How users are reached outside the app (owned by the marketplace's contacts); an inbound SMS STOP names a number. */
  const contacts = createContacts(db);
  /** Merchant tiers and the vendors' monthly quotas of promotional sends. */
  const tiers = createTiers({ db, settings: config.tiers, access });
  const notifications = await createNotifications({ config, db, redis, fanOut, metrics, logger, access, links, consents, usersByPhone: contacts.usersByPhone, events, promotionQuota: tiers.promotionQuota });
  inAppDelivered = notifications.inAppDelivered;
  /** Reply by email: reply-to addresses on reminders, and the replies taken back (SMTP listener, provider webhooks). */
  const emailReplies = createEmailReplies({ config, db, links, messages, emailOf: async (userId) => (await contacts.find([userId])).get(userId)?.email, log: logger });
  /** A vendor's customers: recorded from order events (in their transaction) and imports; segments for campaigns. */
  const audiences = createAudiences(db, { consents, addMissingContacts: contacts.addMissing });
  const marketplace = await createMarketplace({
    config,
    db,
    redis,
    fanOut,
    crypto,
    access,
    messages,
    conversations,
    acceptor: notifications.acceptor,
    preferences: notifications.preferences,
    bus: notifications.bus,
    pushActionTokens: notifications.pushActions,
    logger,
    noticeTemplates: notifications.templates,
    replyAddress: emailReplies.replyAddress,
    digests: notifications.digests,
    attachmentStore,
    events,
    customers: audiences.recordOrder,
  });
  const webhooks = createWebhooks({ db, access, settings: config.webhooks, acceptor: notifications.acceptor, worker: config.notifications.roles.worker, logger, appUrl: `${config.publicUrl}/app` });
  const userExport = createUserExport({ db, messagesAfter: messages.after, preferences: notifications.preferences, consents });
  const erasure = createUserErasure({ db, store: attachmentStore, encryptionKey: config.encryptionKey,
    searchTokens: (text) => [...crypto.queryTokens(text).values()].flat(),
    forget: (userId) => notifications.preferences.forget(userId) });
  const campaigns = createCampaigns({
    db,
    access,
    acceptor: notifications.acceptor,
    ports: {
      audiences,
      quotas: tiers.quotas,
      caps: notifications.frequencyCaps,
      planner: createSendTimePlanner(sendTimeReaders(db, notifications.preferences)),
      assignVariant,
      compareVariants,
      contacts: async (userIds) => new Map((await findContacts(db, userIds)).map((c) => [c.user_id, { name: c.name, email: c.email, phoneNumber: c.phone_number, locale: c.locale }])),
      consents: async (userIds, vendorId) => {
        const out = new Map<string, Set<string>>();
        for (const c of await consents.current(userIds, vendorId)) if (c.granted) out.set(c.userId, (out.get(c.userId) ?? new Set()).add(c.channel));
        return out;
      },
    },
    quietUsers: async (userIds, at) => {
      const prefs = await notifications.preferences.getMany(userIds);
      return new Set(userIds.filter((u) => { const p = prefs.get(u); return p !== undefined && quietUntil(p, at) !== null; }));
    },
    settings: config.campaigns,
    worker: config.notifications.roles.worker,
    logger,
  });
  const consentDesk = createConsentDesk(consents, async (userIds) => new Map((await findContacts(db, userIds)).map((c) => [c.user_id, c.name])));
  app.decorate('parley', { dispatcher: notifications.dispatcher, metrics, hub, marketplace, access, notificationJobs: notifications.jobs, digests: notifications.digests, consents, emailReplies, webhooks, campaigns, tiers });

  // CORS for the marketplace's own pages (PARLEY_CORS_ORIGINS; none: no CORS headers). Its
  // hook must come before authentication's: a preflight carries no Authorization header.
  if (config.corsOrigins.length > 0) {
    const allowed = new Set(config.corsOrigins);
    await app.register(cors, {
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type'],
      exposedHeaders: ['Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    });
  }

  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    const declared = request.routeOptions.config?.access;
    const open = declared === 'public' || declared === 'provider_signed' || declared === 'metrics_token' || request.routeOptions.config?.public;
    // /demo/*: public in demo mode; otherwise a plain 404 whether or not the caller signed in.
    if (open || request.url.startsWith('/docs') || isWebApp(request.url) || request.url.startsWith('/demo/')) return;
    request.principal = await authenticator.authenticate(bearer(request), header(request, 'x-parley-user'));
    // The first step of the access policy: may this role ever do what the route does?
    if (declared) requireRole(request.principal, declared);
  });
  if (config.checkResponses) app.addHook('preSerialization', responseChecker(logger));
  // Text the database cannot store, and body numbers beyond a double's exact range, are refused before any route sees them, wherever they are.
  app.addHook('preValidation', async (request) => {
    const refused =
      unstorableText(request.params, 'params') ?? unstorableText(request.query, 'querystring') ?? unstorableText(request.body, 'body') ?? unstorableNumber(request.body, 'body');
    if (refused) throw inBatch(refused, request.body, request.routeOptions.config?.batchOf);
  });
  app.setErrorHandler(errorHandler(config.bodyLimit, database.health));
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: { code: 'route_not_found', message: `There is no ${request.method} ${request.url.split('?')[0]} endpoint; see /docs.` } });
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Parley', version: '0.1.0', description: 'Messaging and notifications for online marketplaces.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API key, or a user JWT' },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'PARLEY_METRICS_TOKEN, when it is set' },
        },
      },
      security: [{ bearer: [] }],
    },
    // Each operation names the permission it needs (or why it needs none) as `x-access`.
    transform: ({ schema, url, route }) => ({ schema: schema && route.config?.access ? { ...schema, 'x-access': route.config.access } : schema, url }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  app.get('/openapi.json', { config: { access: 'public' }, schema: openApiSchema }, async () => app.swagger() as { openapi: string; info: object; paths: object });
  app.get('/health', { config: { access: 'public' }, schema: healthSchema }, async () => ({ status: 'ok' as const }));
  app.get('/ready', { config: { access: 'public' }, schema: readySchema }, async (_request, reply) => {
    const checks: Record<string, string> = {};
    try {
      await sql`SELECT 1`.execute(db);
      const pending = await pendingMigrations(db);
      checks.database = 'ok';
      checks.migrations = pending.length ? `pending: ${pending.join(', ')}` : 'ok';
    } catch {
      checks.database = 'unreachable';
    }
    // Redis only speeds things up and spreads events across nodes: without it the node still
    // serves (degraded), so it stays in rotation.
    if (redis) checks.redis = redis.status === 'ready' ? await redis.ping().then(() => 'ok', () => 'unreachable') : 'unreachable';
    const ready = checks.database === 'ok' && checks.migrations === 'ok';
    const status = !ready ? 'not_ready' : checks.redis === 'unreachable' ? 'degraded' : 'ready';
    if (!ready) reply.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return reply.code(ready ? 200 : 503).send({ status, checks });
  });

  await app.register(conversationRoutes, { conversations, messages, presence, editWindowSeconds: config.editWindowSeconds });
  await app.register(messageRoutes, { messages });
  const scanner = config.media.malwareScan ? createMalwareScanner(config.media.malwareScan) : undefined;
  await app.register(attachmentRoutes, { attachments, store: attachmentStore, config, scanner });
  await notifications.register(app);
  await marketplace.register(app);
  await app.register(exportRoutes, { userExport, access });
  await app.register(erasureRoutes, { erasure, access });
  await app.register(consentRoutes, { desk: consentDesk, access });
  await app.register(audienceRoutes, { audiences, access, importBodyLimit: 16 * config.bodyLimit });
  await tiers.register(app);
  await emailReplies.register(app);
  await webhooks.register(app);
  await campaigns.register(app);
  await app.register(kpiRoutes, { kpis: createKpiService({ db, consents, access, settings: config.kpis, uptime }) });
  // Demo mode's sign-in (public): only when demo mode is on, so elsewhere /demo/* is 404.
  if (config.demo.enabled) await app.register(demoRoutes, { jwtSecret: config.jwtSecret, publicUrl: config.publicUrl, signingSecrets: webhooks.endpoints.signingSecrets });
  app.get('/metrics', { config: { access: 'metrics_token' }, schema: metricsSchema }, async (request, reply) => {
    const token = config.notifications.metricsToken;
    if (token && bearer(request) !== token) {
      return reply.code(401).send({ error: { code: 'invalid_metrics_token', message: 'Send the PARLEY_METRICS_TOKEN as a bearer token.' } });
    }
    await notifications.recordQueueDepth();
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  await app.register(webAppRoutes, { demo: config.demo.enabled });
  await app.register(realtimeRoutes, { authenticator, hub, messages, deliveries, fanOut, typingThrottleMs: config.typingThrottleMs, followed: participants.followed, access, databaseHealth: database.health, metrics });

  app.addHook('onReady', async () => {
    uptime.start();
    notifications.start();
    await marketplace.start();
    await emailReplies.start();
    webhooks.start();
    campaigns.start();
  });
  app.addHook('onClose', async () => {
    uptime.stop();
    await emailReplies.close();
    await marketplace.close();
    await webhooks.close();
    await campaigns.close();
    await notifications.close();
    await presence.close();
    hub.closeAll();
    await deliveries.flush();
    await fanOut.close();
    redis?.disconnect();
  });
  return app;
}

/**
 * On close, Node closes the keep-alive connections that are idle at that moment, once. One whose
 * request was still being answered turns idle afterwards and would hold the close open until its
 * keep-alive timeout (72 s): close such connections as they turn idle.
 */
function closeConnectionsAsTheyTurnIdle(app: App): void {
  app.addHook('preClose', async () => {
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    sweep.unref();
    app.server.once('close', () => clearInterval(sweep));
  });
}

/** The web app's files are public: it signs in with the user's own token, like any client. */
function isWebApp(url: string): boolean {
  return url === '/app' || url.startsWith('/app/') || url.startsWith('/app?');
}

function bearer(request: FastifyRequest): string | undefined {
  const value = request.headers.authorization;
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value);
  return match ? match[1] : '';
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
