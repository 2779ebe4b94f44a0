import { type Static, Type } from '@sinclair/typebox';
import { inSpan } from '../ops/tracing.ts';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Authenticator } from '../auth/authenticate.ts';
import { type AccessPolicy, requireRole } from '../access/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { DATABASE_RETRY_AFTER_SECONDS, type DatabaseHealth, databaseUnavailable, isDatabaseUnavailable } from '../db/availability.ts';
import { ParleyError } from '../errors.ts';
import { answers } from '../http/contract.ts';
import { unstorableText } from '../http/input-text.ts';
import type { DeliveryTracker } from '../messages/delivery-tracker.ts';
import { messageCreatedEvent } from '../messages/message-events.ts';
import { messageJson, type MessagesService } from '../messages/messages-service.ts';
import { isUuid } from '../uuid.ts';
import { ClientConnection } from './connection.ts';
import type { FanOut } from './fanout.ts';
import type { Hub } from './hub.ts';
import type { Metrics } from '../metrics.ts';


/** What a client may send over the socket. */
const ClientFrame = Type.Union([
  Type.Object(
    { type: Type.Literal('resume'), cursors: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { maxProperties: 1000 }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('message.send'),
      conversationId: Type.String(),
      clientMessageId: Type.String({ minLength: 1, maxLength: 128 }),
      content: Type.Optional(Type.String()),
      messageType: Type.Optional(Type.String()),
      attachments: Type.Optional(Type.Array(Type.String(), { maxItems: 10 })),
      payload: Type.Optional(Type.Unknown()),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('typing'), conversationId: Type.String() }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('read'), conversationId: Type.String(), seq: Type.Optional(Type.Integer({ minimum: 0 })) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false }),
]);
type ClientFrame = Static<typeof ClientFrame>;
const checkFrame = TypeCompiler.Compile(ClientFrame);

const replayPage = 200;
const replayRounds = 10;
const heartbeatMs = 30_000;

export interface RealtimeOptions {
  authenticator: Authenticator;
  hub: Hub;
  messages: MessagesService;
  deliveries: DeliveryTracker;
  fanOut: FanOut;
  typingThrottleMs: number;
  /** Of these conversations, those the user's socket follows (takes part in), from the conversations' owner. */
  followed: (userId: string, conversationIds: string[]) => Promise<string[]>;
  access: AccessPolicy;
  databaseHealth: DatabaseHealth;
  /** Open sockets and server-side socket failures (/metrics). */
  metrics: Pick<Metrics, 'websocketConnections' | 'websocketErrors'>;
}

/**
 * `GET /ws`: the user's live stream. Authenticated with the user's JWT in the Authorization
 * header or, for browsers, a `token` query parameter.
 */
export async function realtimeRoutes(app: FastifyInstance, options: RealtimeOptions) {
  const { authenticator, hub, messages, deliveries } = options;
  const lastTyping = new Map<string, number>();

  app.get(
    '/ws',
    {
      websocket: true,
      // The socket authenticates itself (browsers cannot set headers on a WebSocket, so the
      // token may come in the query): the app-wide hook leaves it alone (`public`), and the
      // permission is checked here once the caller is known.
      config: { access: 'realtime.connect', public: true },
      schema: {
        operationId: 'openRealtimeSocket',
        tags: ['realtime'],
        summary: 'WebSocket: live messages, receipts, typing, presence and unread counts',
        description: 'Upgrade to a WebSocket with the user JWT as a bearer token or, for browsers, in `token`.',
        querystring: Type.Object({ token: Type.Optional(Type.String()) }),
        response: answers({ 101: Type.Null({ description: 'Switching Protocols: the socket is open; the server sends "ready" first.' }) }, [404]),
      },
      preValidation: async (request) => {
        const header = request.headers.authorization;
        const fromHeader = header ? (/^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '') : undefined;
        const token = fromHeader ?? (request.query as { token?: string }).token;
        request.principal = await authenticator.authenticate(token);
        requireRole(request.principal, 'realtime.connect');
      },
    },
    (socket: WebSocket, request) => {
      const principal = request.principal;
      const connection = new ClientConnection(
        principal.userId,
        socket,
        async (conversationId, afterSeq, limit) => (await messages.after(conversationId, afterSeq, limit, principal.userId)).map(messageCreatedEvent),
        (conversationId, seq) => deliveries.delivered(conversationId, principal.userId, seq),
      );
      hub.add(connection);
      const { websocketConnections, websocketErrors } = options.metrics;
      websocketConnections.inc();
      let alive = true;
      socket.on('pong', () => (alive = true));
      socket.on('error', (error) => {
        websocketErrors.inc({ kind: 'socket' });
        request.log.warn({ err: error }, 'socket error');
      });
      const heartbeat = setInterval(() => {
        if (!alive) {
          websocketErrors.inc({ kind: 'heartbeat_timeout' });
          return socket.terminate();
        }
        alive = false;
        socket.ping();
      }, heartbeatMs);
      socket.on('close', () => {
        websocketConnections.dec();
        clearInterval(heartbeat);
        connection.close();
        hub.remove(connection);
      });
      socket.on('message', (data, isBinary) => {
        handleFrame(connection, principal, isBinary ? null : data.toString()).catch((error: unknown) => {
          // Whatever failed, the client hears of it, with the send it was about.
          const refused = isDatabaseUnavailable(error) ? databaseUnavailable() : undefined;
          websocketErrors.inc({ kind: refused ? 'database_unavailable' : 'internal' });
          if (refused) options.databaseHealth.failed(error);
          else request.log.error({ err: error }, 'socket frame failed');
          const about = frameIds(isBinary ? null : data.toString());
          connection.send({
            type: 'error',
            code: refused?.code ?? 'internal_error',
            message: refused?.message ?? 'The frame could not be processed; try again.',
            ...(refused ? { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS } : {}),
            ...about,
          });
        });
      });
      connection.send({ type: 'ready', userId: principal.userId });
    },
  );

  async function handleFrame(connection: ClientConnection, principal: Principal, text: string | null): Promise<void> {
    let frame: unknown;
    try {
      if (text === null) throw new Error('binary');
      frame = JSON.parse(text);
    } catch {
      connection.send({ type: 'error', code: 'malformed_frame', message: 'Send one JSON object per text frame.' });
      return;
    }
    if (!checkFrame.Check(frame)) {
      const first = checkFrame.Errors(frame).First();
      const kind = typeof frame === 'object' && frame !== null ? (frame as { type?: unknown }).type : undefined;
      connection.send({
        type: 'error',
        code: 'invalid_frame',
        message: `Frame ${typeof kind === 'string' ? `"${kind}" ` : ''}is invalid${first ? ` at ${first.path || '/'}: ${first.message}` : ''}. Types: resume, message.send, typing, read, ping.`,
        ...(clientIdOf(frame) ? { clientMessageId: clientIdOf(frame) } : {}),
      });
      return;
    }
    const refused = unstorableText(frame, 'frame');
    if (refused) {
      connection.send({ type: 'error', code: refused.code, message: refused.message, details: refused.details, ...frameIds(text) });
      return;
    }
    try {
      await dispatch(connection, principal, frame);
    } catch (error) {
      if (!(error instanceof ParleyError)) throw error;
      connection.send({
        type: 'error',
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
        ...(frame.type === 'message.send' ? { clientMessageId: frame.clientMessageId } : {}),
        ...('conversationId' in frame ? { conversationId: frame.conversationId } : {}),
      });
    }
  }

  async function dispatch(connection: ClientConnection, principal: Principal, frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case 'ping':
        connection.send({ type: 'pong' });
        return;
      case 'message.send': {
        const { type: _type, conversationId, ...input } = frame;
        // A span from the frame to the fan-out (tracing on: ops/tracing.ts).
        const { message, created } = await inSpan('message.send', { 'parley.conversation_id': conversationId }, () => messages.send(principal, conversationId, input));
        // { type, clientMessageId, created, message }, with the message's text as the fan-out made it.
        connection.sendRaw(`{"type":"message.ack","clientMessageId":${JSON.stringify(frame.clientMessageId)},"created":${created},"message":${messageJson(message)}}`);
        return;
      }
      case 'typing': {
        const key = `${principal.userId}\n${frame.conversationId}`;
        const now = Date.now();
        if (now - (lastTyping.get(key) ?? 0) < options.typingThrottleMs) return;
        lastTyping.set(key, now);
        if (lastTyping.size > 50_000) lastTyping.clear();
        await options.access.requireAccess(principal, 'message.send', { conversationId: frame.conversationId });
        const others = (await messages.participantIds(frame.conversationId)).filter((u) => u !== principal.userId);
        options.fanOut.publish({ userIds: others, payload: { type: 'typing', conversationId: frame.conversationId, userId: principal.userId } });
        return;
      }
      case 'read':
        await messages.markRead(principal, frame.conversationId, frame.seq);
        return;
      case 'resume':
        await resume(connection, principal, frame.cursors);
        return;
    }
  }

  /** Replays what the client missed after its cursors, then live events continue in order. */
  async function resume(connection: ClientConnection, principal: Principal, cursors: Record<string, number>): Promise<void> {
    const ids = Object.keys(cursors).filter(isUuid);
    // Cursors take effect at once: live messages arriving while access is checked wait for the replay.
    for (const id of ids) if (connection.cursor(id) === undefined) connection.setCursor(id, cursors[id]!);
    const allowed = await options.followed(principal.userId, ids);
    const truncated: string[] = [];
    for (const conversationId of allowed) {
      const cursor = cursors[conversationId]!;
      const started = connection.startedAt(conversationId);
      if (started !== undefined && started - 1 > cursor) {
        // Live messages reached the socket before this resume: send the earlier ones it has not had.
        const owed = started - 1 - cursor;
        const earlier = await messages.after(conversationId, cursor, Math.min(owed, replayPage * replayRounds), principal.userId);
        connection.backfill(conversationId, cursor, earlier.map(messageCreatedEvent));
        if (owed > replayPage * replayRounds) truncated.push(conversationId);
      }
      const from = Math.max(cursor, connection.cursor(conversationId) ?? 0);
      connection.setCursor(conversationId, from);
      for (let round = 0; ; round++) {
        const after = connection.cursor(conversationId) ?? from;
        const missed = await messages.after(conversationId, after, replayPage, principal.userId);
        for (const message of missed) {
          const event = messageCreatedEvent(message);
          connection.offer(event, event.json);
        }
        if (missed.length < replayPage) break;
        if (round + 1 === replayRounds) {
          if (!truncated.includes(conversationId)) truncated.push(conversationId);
          break;
        }
      }
    }
    connection.send({
      type: 'resumed',
      conversations: allowed,
      // More was missed than a socket replays at once; page the rest with GET /conversations/:id/messages?after=.
      truncated,
      unknown: Object.keys(cursors).filter((id) => !allowed.includes(id)),
    });
  }
}

/** The clientMessageId and conversationId a frame was about, for an error that came after it was parsed. */
function frameIds(text: string | null): { clientMessageId?: string; conversationId?: string } {
  try {
    const frame = text === null ? undefined : (JSON.parse(text) as { clientMessageId?: unknown; conversationId?: unknown });
    return {
      ...(typeof frame?.clientMessageId === 'string' ? { clientMessageId: frame.clientMessageId } : {}),
      ...(typeof frame?.conversationId === 'string' ? { conversationId: frame.conversationId } : {}),
    };
  } catch {
    return {};
  }
}

function clientIdOf(frame: unknown): string | undefined {
  const id = typeof frame === 'object' && frame !== null ? (frame as { clientMessageId?: unknown }).clientMessageId : undefined;
  return typeof id === 'string' ? id : undefined;
}
