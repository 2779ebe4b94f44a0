import pino, { type Logger } from 'pino';

/** JSON logs. Credentials and message bodies never appear: headers and bodies are not logged. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token', '*.token', '*.content', '*.password'], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.replace(/([?&]token=)[^&]*/g, '$1[redacted]'), id: req.id }),
    },
  });
}
