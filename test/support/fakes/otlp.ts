import { type FakeServer, serve } from './http.ts';

/** A span as an OTLP/HTTP JSON export carries it, with its resource's attributes flattened. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Record<string, unknown>;
  status?: { code?: number; message?: string };
  resource: Record<string, unknown>;
}

export interface OtlpReceiver extends FakeServer {
  spans: ReceivedSpan[];
  /** Exports refused as a collector would (wrong path, method, content type, or not an export request). */
  refused: string[];
}

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
const value = (v: AnyValue) => v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : (v.boolValue ?? v.doubleValue));
const flatten = (attributes: { key: string; value: AnyValue }[] = []) => Object.fromEntries(attributes.map((a) => [a.key, value(a.value)]));

/**
 * An OpenTelemetry collector's OTLP/HTTP trace receiver, JSON encoding: POST /v1/traces with an
 * ExportTraceServiceRequest ({ resourceSpans: [{ resource, scopeSpans: [{ scope, spans }] }] });
 * answers 200 with an empty ExportTraceServiceResponse, 404 on another path, 405 on another method,
 * 415 on another content type and 400 on a body that is not an export request, as the collector does.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const refused: string[] = [];
  const refuse = (res: import('node:http').ServerResponse, status: number, why: string) => {
    refused.push(why);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 3, message: why }));
  };
  const server = await serve((req, body, res) => {
    if (req.url !== '/v1/traces') return refuse(res, 404, `path ${req.url}`);
    if (req.method !== 'POST') return refuse(res, 405, `method ${req.method}`);
    if (!String(req.headers['content-type']).startsWith('application/json')) return refuse(res, 415, `content type ${req.headers['content-type']}`);
    type WireSpan = Omit<ReceivedSpan, 'resource' | 'attributes'> & { attributes?: { key: string; value: AnyValue }[] };
    let request: { resourceSpans?: { resource?: { attributes?: { key: string; value: AnyValue }[] }; scopeSpans?: { spans?: WireSpan[] }[] }[] };
    try {
      request = JSON.parse(body);
    } catch {
      return refuse(res, 400, 'body is not JSON');
    }
    if (!Array.isArray(request.resourceSpans)) return refuse(res, 400, 'no resourceSpans');
    for (const rs of request.resourceSpans) {
      const resource = flatten(rs.resource?.attributes);
      for (const ss of rs.scopeSpans ?? []) {
        for (const span of ss.spans ?? []) {
          if (!/^[0-9a-f]{32}$/.test(span.traceId) || !/^[0-9a-f]{16}$/.test(span.spanId)) return refuse(res, 400, `bad ids on span ${span.name}`);
          spans.push({ ...span, parentSpanId: span.parentSpanId || undefined, attributes: flatten(span.attributes), resource });
        }
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  return { ...server, spans, refused };
}
