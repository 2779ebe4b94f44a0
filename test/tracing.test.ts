import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from './support/fakes/otlp.ts';
import { type Sink, startSink } from './support/fakes/sink.ts';
import { apiKey, eventually, freshDatabase, jwtSecret, type ParleyProcess, startParleyProcess, type TestDatabase } from './support/parley.ts';

const webhookSecret = `whsec_${randomBytes(24).toString('base64')}`;

/**
 * OpenTelemetry: a local OTLP/HTTP receiver stands in for the collector. On PostgreSQL the API and
 * the worker are separate processes (one notification must still be one trace); on the embedded
 * database one process does both.
 */
describe.each(backends)('tracing on $name', (backend) => {
  let receiver: OtlpReceiver;
  let sink: Sink;
  let database: TestDatabase | undefined;
  let api: ParleyProcess;
  let worker: ParleyProcess | undefined;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    sink = await startSink();
    const env: Record<string, string> = {
      PARLEY_API_KEYS: apiKey,
      PARLEY_JWT_SECRET: jwtSecret,
      PARLEY_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
      PARLEY_PROVIDERS: JSON.stringify({ webhook: [{ type: 'webhook', name: 'sink', url: sink.url, secret: webhookSecret }] }),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'parley-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      LOG_LEVEL: 'info',
    };
    if (backend.databaseUrl) {
      database = await freshDatabase(backend);
      Object.assign(env, { DATABASE_URL: database.databaseUrl!, ...(backend.redisUrl ? { REDIS_URL: backend.redisUrl, PARLEY_REDIS_PREFIX: `parley-trace-${randomUUID().slice(0, 8)}` } : {}) });
      [api, worker] = await Promise.all([
        startParleyProcess({ ...env, PARLEY_ROLES: 'api' }, { readyTimeoutMs: 90_000 }),
        startParleyProcess({ ...env, PARLEY_ROLES: 'worker' }, { readyTimeoutMs: 90_000 }),
      ]);
    } else {
      api = await startParleyProcess(env, { readyTimeoutMs: 90_000 });
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled([api?.stop(), worker?.stop()]);
    await Promise.allSettled([receiver?.close(), sink?.close()]);
    await database?.handle.close();
    await database?.drop();
  }, 60_000);

  const inTrace = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId);
  const named = (spans: ReceivedSpan[], name: string) => {
    const found = spans.filter((s) => s.name === name);
    expect(found, `one span named ${name} in ${JSON.stringify(spans.map((s) => s.name))}`).toHaveLength(1);
    return found[0]!;
  };

  it('one notification is one trace: the request, its acceptance, the queue wait, the dispatch and the provider call', async () => {
    const requestId = randomUUID();
    const { status } = await api.request('POST', '/notifications', {
      body: { requestId, notificationType: 'transactional', channels: ['webhook'], recipient: { userId: 'buyer-7' }, message: { subject: 'Paid', body: 'Order 7 was paid.' } },
    });
    expect(status).toBe(202);
    await eventually(() => sink.requests.some((r) => JSON.stringify(r.body).includes(requestId)), 'the webhook at the sink', 20_000);

    let spans: ReceivedSpan[] = [];
    await eventually(() => {
      const http = receiver.spans.find((s) => s.name === 'POST /notifications' && inTrace(s.traceId).some((x) => x.name === 'provider.send'));
      spans = http ? inTrace(http.traceId) : [];
      return spans.length >= 5;
    }, 'the trace’s spans at the receiver', 20_000);
    expect(receiver.refused).toEqual([]);
    // The receiver gets the request's metadata, not Parley's trace context.
    const delivered = sink.requests.find((r) => r.body?.requestId === requestId)!;
    expect(delivered.body.metadata).toMatchObject({ priority: 'medium' });
    expect(delivered.body.metadata).not.toHaveProperty('traceparent');

    const http = named(spans, 'POST /notifications');
    const accept = named(spans, 'notification.accept');
    const queued = named(spans, 'notification.queue');
    const dispatch = named(spans, 'notification.dispatch');
    const send = named(spans, 'provider.send');
    expect(http.parentSpanId).toBeUndefined();
    expect(http.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/notifications', 'http.response.status_code': 202 });
    expect(accept.parentSpanId).toBe(http.spanId);
    expect(queued.parentSpanId).toBe(accept.spanId);
    expect(dispatch.parentSpanId).toBe(accept.spanId);
    expect(send.parentSpanId).toBe(dispatch.spanId);
    expect(dispatch.attributes).toMatchObject({ 'parley.request_id': requestId, 'parley.channel': 'webhook', 'parley.outcome': 'sent' });
    expect(send.attributes).toMatchObject({ 'parley.provider': 'sink', 'parley.channel': 'webhook' });
    // The queue wait ends where the dispatch begins.
    expect(BigInt(queued.endTimeUnixNano) <= BigInt(dispatch.startTimeUnixNano) + 1_000_000n).toBe(true);
    for (const span of spans) expect(span.resource['service.name']).toBe('parley-test');
    if (worker) {
      // Two processes, one trace.
      expect(http.resource['service.instance.id']).not.toBe(dispatch.resource['service.instance.id']);
      expect(accept.resource['service.instance.id']).toBe(http.resource['service.instance.id']);
      expect(send.resource['service.instance.id']).toBe(dispatch.resource['service.instance.id']);
    }
    // The request's log lines name its trace.
    expect(api.output().split('\n').some((line) => line.includes('"request completed"') && line.includes(`"traceId":"${http.traceId}"`))).toBe(true);
  });

  it('a request that sends a traceparent continues the caller’s trace', async () => {
    const traceId = randomBytes(16).toString('hex');
    const parent = randomBytes(8).toString('hex');
    const { status } = await api.request('GET', '/notifications/dead-letters', { headers: { traceparent: `00-${traceId}-${parent}-01` } });
    expect(status).toBe(200);
    await eventually(() => inTrace(traceId).length > 0, 'the request’s span', 10_000);
    const [span] = inTrace(traceId);
    expect(span).toMatchObject({ name: 'GET /notifications/dead-letters', parentSpanId: parent, kind: 2 });
    expect(span!.attributes['http.response.status_code']).toBe(200);
  });

  it('a chat message sent over a socket is a span from the frame to the fan-out', async () => {
    const conversation = await api.request('POST', '/conversations', {
      body: { conversationType: 'order', orderId: `order-${randomUUID()}`, participants: [{ userId: 'buyer-t', role: 'buyer' }, { userId: 'seller-t', role: 'seller' }] },
    });
    expect(conversation.status).toBe(201);
    const conversationId = conversation.body.conversationId as string;
    const socket = await api.connect('buyer-t');
    socket.send({ type: 'message.send', conversationId, clientMessageId: 'traced-1', content: 'Is it still available?' });
    expect(await socket.next((e) => e.type === 'message.ack')).toMatchObject({ clientMessageId: 'traced-1', created: true });
    await eventually(() => receiver.spans.some((s) => s.name === 'message.send' && s.attributes['parley.conversation_id'] === conversationId), 'the message.send span', 10_000);
    const span = receiver.spans.find((s) => s.name === 'message.send' && s.attributes['parley.conversation_id'] === conversationId)!;
    expect(span.status?.code ?? 0).not.toBe(2);
    expect(BigInt(span.endTimeUnixNano) > BigInt(span.startTimeUnixNano)).toBe(true);
    socket.close();
  });
});
