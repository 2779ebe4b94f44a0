import pino, { type DestinationStream, type Logger } from 'pino';

/** Query parameters that carry credentials (token) or what users wrote (q, a search). */
const secretParameters = /([?&](?:token|q)=)[^&]*/g;
const redactQuery = (url: string) => url.replace(secretParameters, '$1[redacted]');

/** JSON logs. Credentials and message bodies never appear: headers and bodies are not logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token', '*.token', '*.content', '*.password'], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: redactQuery(req.url), id: req.id }),
    },
    },
    destination,
  );
}
