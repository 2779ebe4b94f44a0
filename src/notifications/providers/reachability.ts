import { connect as connectTcp } from 'node:net';
import { connect as connectTls } from 'node:tls';

const DEFAULT_PORTS: Record<string, number> = { 'https:': 443, 'http:': 80, 'smtps:': 465, 'smtp:': 25 };

/**
 * Whether a provider's host answers: a TCP connection to its endpoint's host and port, with a TLS
 * handshake (the certificate checked against the host name) for https and smtps. Nothing is sent,
 * so no credentials are used and nothing is delivered: it is the check of `parley doctor`.
 */
export function probeEndpoint(endpoint: string, timeoutMs = 3_000): Promise<{ ok: boolean; detail: string }> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return Promise.resolve({ ok: false, detail: `not a URL: ${endpoint}` });
  }
  const port = Number(url.port) || DEFAULT_PORTS[url.protocol];
  if (!port) return Promise.resolve({ ok: false, detail: `no port known for ${url.protocol}` });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const tls = url.protocol === 'https:' || url.protocol === 'smtps:';
  const where = `${host}:${port}`;
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = tls ? connectTls({ host, port, servername: /^[\d.:]+$/.test(host) ? undefined : host }) : connectTcp({ host, port });
    const done = (ok: boolean, detail: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok, detail });
    };
    const timer = setTimeout(() => done(false, `${where}: no answer within ${timeoutMs / 1000} s`), timeoutMs);
    socket.once(tls ? 'secureConnect' : 'connect', () => done(true, `${where} answers${tls ? ' (TLS, certificate valid)' : ''} in ${Date.now() - started} ms`));
    socket.once('error', (error: NodeJS.ErrnoException) => done(false, `${where}: ${error.code ?? error.message}`));
  });
}
