import { hostname } from 'node:os';
import { type Context, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/instance.ts';

/**
 * OpenTelemetry tracing, off unless an OTLP endpoint is configured with the standard variables
 * (`OTEL_EXPORTER_OTLP_ENDPOINT`, or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`; `OTEL_SERVICE_NAME`,
 * default "parley"; `OTEL_EXPORTER_OTLP_HEADERS` for a collector that wants a token). Spans are
 * exported over OTLP/HTTP (JSON) in batches. When off, the OpenTelemetry API hands out
 * non-recording spans and nothing here costs more than a function call.
 *
 * One notification is one trace across processes: the API's span context is stored on each
 * delivery (`traceparent`, W3C Trace Context) and the worker's queue-wait, dispatch and provider
 * spans continue it.
 */
export const tracer = trace.getTracer('parley');

/** Whether startTracing turned tracing on in this process (inSpan is then a plain call when off). */
let enabled = false;

export interface Tracing {
  enabled: boolean;
  /** Sends the spans still buffered; called while draining. */
  shutdown(): Promise<void>;
}

export function startTracing(env: NodeJS.ProcessEnv, roles: string[]): Tracing {
  if (enabled) return { enabled: true, shutdown: async () => {} };
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || env.OTEL_SDK_DISABLED === 'true') return { enabled: false, shutdown: async () => {} };
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': env.OTEL_SERVICE_NAME || 'parley',
      'service.instance.id': `${hostname()}:${process.pid}`,
      'parley.roles': roles.join(','),
    }),
    // The exporter reads the OTEL_EXPORTER_OTLP_* variables itself (endpoint, headers, timeout).
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // Registers the W3C Trace Context propagator and the async-local context manager.
  provider.register();
  enabled = true;
  return { enabled: true, shutdown: () => provider.shutdown() };
}

/** The W3C `traceparent` of the active span, to store beside work another process continues. */
export function currentTraceparent(): string | undefined {
  const span = trace.getSpan(context.active());
  if (!span?.isRecording()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The context a stored `traceparent` continues (the root context when there is none). */
export function contextOf(traceparent: string | null | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/** For log lines: the trace and span of the active span, when one is recording. */
export function traceFields(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (!span?.isRecording()) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/** Ends `span` with an error status when `error` is given. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}

declare module 'fastify' {
  interface FastifyRequest {
    traceSpan?: Span;
  }
}

/**
 * A server span per HTTP request, continuing the caller's `traceparent` when it sends one, and
 * active while the route runs (what the route starts, such as accepting a notification, is its child).
 */
const unTraced = new Set(['/health', '/ready', '/metrics']);

export function traceRequests(app: App): void {
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // Probes and scrapes every few seconds would bury the traces people look for.
    if (unTraced.has(request.routeOptions.url ?? '')) return done();
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(
      `${request.method} ${request.routeOptions.url ?? 'unmatched'}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': request.url.split('?')[0]!, 'http.route': request.routeOptions.url ?? '' } },
      parent,
    );
    request.traceSpan = span;
    // The request's log lines ("request completed" included) name its trace.
    const { traceId, spanId } = span.spanContext();
    request.log = reply.log = request.log.child({ traceId, spanId });
    context.with(trace.setSpan(parent, span), done);
  });
  // The body is read between onRequest and preHandler, outside that context: enter it again.
  app.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    if (!request.traceSpan) return done();
    context.with(trace.setSpan(context.active(), request.traceSpan), done);
  });
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const span = request.traceSpan;
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}

/** Runs `fn` inside a new active span named `name`, ending it (with an error status when `fn` throws). */
export async function inSpan<T>(name: string, attributes: Record<string, string | number | boolean>, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn();
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      const value = await fn();
      span.end();
      return value;
    } catch (error) {
      endSpan(span, error);
      throw error;
    }
  });
}
