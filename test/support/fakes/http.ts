import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo, Server as NetServer } from 'node:net';
import type { Readable } from 'node:stream';

/** The plumbing the provider fakes share; what each provider answers stays in its own fake. */

/** The answers a test scripts, taken one per request, oldest first; 'ok' once they run out. */
export function answerQueue<A>(): { script(...answers: A[]): void; next(): A | 'ok' } {
  const queue: A[] = [];
  return { script: (...answers) => void queue.push(...answers), next: () => queue.shift() ?? 'ok' };
}

export interface FakeServer {
  /** The base URL, e.g. http://127.0.0.1:40123. */
  url: string;
  /** Stops listening and drops every open connection, unanswered requests included. */
  close(): Promise<void>;
}

/** Serves `handle` over HTTP on a free port of 127.0.0.1, each request's body read (as UTF-8) before it is called. */
export async function serve(handle: (req: IncomingMessage, body: string, res: ServerResponse) => unknown): Promise<FakeServer> {
  const server = createServer((req, res) => {
    void readBytes(req).then((body) => handle(req, body.toString('utf8'), res));
  });
  return { url: await listen(server), close: () => closeServer(server) };
}

/** A server that takes every request and never answers it, for timeout tests; HTTPS with `tls`. */
export async function startSilentServer(tls?: { key: string; cert: string }): Promise<FakeServer> {
  const server = tls ? createTlsServer(tls, () => {}) : createServer(() => {});
  return { url: await listen(server, tls ? 'https' : 'http'), close: () => closeServer(server) };
}

/** Listens on a free port of 127.0.0.1; resolves to the base URL, e.g. http://127.0.0.1:40123. */
export async function listen(server: NetServer, protocol = 'http'): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${protocol}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes an HTTP(S) server without waiting for its clients: open connections are dropped. */
export function closeServer(server: Server | TlsServer): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** The whole body of a request (or an HTTP/2 stream). */
export function readBytes(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Answers `body` as JSON (a string goes as it is) with its Content-Length; `headers` add to or replace the defaults. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** An exact answer: a status, and the headers and (JSON) body to send with it. */
export interface ExactAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Sends a scripted error: a bare status as `canned` says the provider answers it, an exact answer as it is. */
export function sendScripted(res: ServerResponse, answer: number | ExactAnswer, canned: (status: number) => ExactAnswer): void {
  const { status, headers, body } = typeof answer === 'number' ? canned(answer) : answer;
  sendJson(res, status, body ?? '', headers);
}

/** The user and password of an HTTP Basic Authorization header. */
export function basicAuth(header: string | undefined): { name: string; password: string } | undefined {
  const encoded = /^Basic (.+)$/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
