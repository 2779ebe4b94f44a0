import pino, { type DestinationStream, type Logger } from 'pino';
import { traceFields } from './ops/tracing.ts';

/** Query parameters that carry credentials (token) or what users wrote (q, a search). */
const secretParameters = /([?&](?:token|q)=)[^&]*/g;
const redactQuery = (url: string) => url.replace(secretParameters, '$1[redacted]');

/**
 * JSON logs. Credentials and message bodies never appear: headers and bodies are not logged.
 * With `traceIds` (tracing on), each line written inside a span carries its traceId and spanId.
 */
export function createLogger(level: string, destination?: DestinationStream, options: { traceIds?: boolean } = {}): Logger {
  return pino(
    {
    level,
    ...(options.traceIds ? { mixin: traceFields } : {}),
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token', '*.token', '*.content', '*.password'], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: redactQuery(req.url), id: req.id }),
    },
    },
    destination,
  );
}
