import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { SignJWT } from 'jose';
import pg from 'pg';
import { expect, inject } from 'vitest';
import WebSocket from 'ws';
import { type App, buildApp } from '../../src/app.ts';
import type { UserRole } from '../../src/auth/principal.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/connect.ts';
import { createLogger } from '../../src/logger.ts';
import type { Backend } from './backends.ts';

export const apiKey = 'test-api-key-0123456789abcdef';
export const jwtSecret = 'test-jwt-secret-0123456789abcdef0123456789';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** For a second node on the same database (PostgreSQL only). */
  databaseUrl?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database: PGlite loaded from the run's dump, or a PostgreSQL clone of the template. */
export async function freshDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend.name === 'pglite') {
    const dump = new Blob([readFileSync(inject('pgliteDump'))]);
    const handle = await openDatabase({ loadDataDir: dump });
    return { handle, drop: async () => {} };
  }
  const name = `parley_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: backend.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
  await admin.end();
  const databaseUrl = withDatabase(backend.databaseUrl!, name);
  const handle = await openDatabase({ databaseUrl, poolSize: 5 });
  return {
    handle,
    databaseUrl,
    async drop() {
      const client = new pg.Client({ connectionString: backend.databaseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface TestParley {
  app: App;
  config: Config;
  db: DatabaseHandle['db'];
  url: string;
  wsUrl: string;
  /** A user JWT signed with the test secret. */
  token(userId: string, role?: UserRole, options?: { expiresIn?: string | number; name?: string; locale?: string }): Promise<string>;
  /** JSON request as a user (JWT), as the operator (API key), or as a user through the API key. */
  request(method: string, path: string, options?: RequestOptions): Promise<{ status: number; body: any; headers: Headers }>;
  /** Opens an authenticated socket and collects its events. */
  connect(userId: string, role?: UserRole): Promise<TestSocket>;
  close(): Promise<void>;
}

export interface RequestOptions {
  /** User id to act as with a JWT; omit for the operator API key. */
  as?: string;
  role?: UserRole;
  /** Act for a user through the API key with X-Parley-User. */
  actingAs?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface StartOptions {
  /** Environment overrides, as the variables a deployment would set. */
  env?: Record<string, string>;
  /** Where the JSON log lines go (with LOG_LEVEL in env); default: nowhere. */
  logTo?: import('pino').DestinationStream;
  /** Reuse a database (a second node on the same PostgreSQL). */
  database?: TestDatabase;
}

/** What every test node shares: the test credentials, encryption key and Redis prefix. */
export const testCredentials = {
  PARLEY_API_KEYS: apiKey,
  PARLEY_JWT_SECRET: jwtSecret,
  PARLEY_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  PARLEY_REDIS_PREFIX: `parley-test-${process.pid}`,
  // Every response is held to its route's schema: a mismatch answers 500 and fails the test.
  PARLEY_CHECK_RESPONSES: '1',
};

/** The environment of a Parley process (see startParleyProcess) on a test database of the real services. */
export function processEnv(database: TestDatabase, backend: Backend, env: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: database.databaseUrl!, REDIS_URL: backend.redisUrl!, ...testCredentials, LOG_LEVEL: 'warn', ...env };
}

/**
 * Starts Parley on a random port with a fresh database on the given backend. Its public URL
 * (the base of the links it writes into messages) is its own address, so a test can follow them.
 */
export async function startParley(backend: Backend, options: StartOptions = {}): Promise<TestParley> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-data-'));
  const database = options.database ?? (await freshDatabase(backend));
  let started: { app: Awaited<ReturnType<typeof buildApp>>; config: Config; port: number } | undefined;
  // The port is chosen before the server listens on it; another process taking it meanwhile is rare: try again.
  for (let attempt = 1; !started; attempt++) {
    const port = await freePort();
    const config = loadConfig({
      PARLEY_DATA_DIR: dataDir,
      PARLEY_PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...testCredentials,
      LOG_LEVEL: 'silent',
      ...(backend.redisUrl ? { REDIS_URL: backend.redisUrl } : {}),
      ...options.env,
    });
    const app = await buildApp({ config, database: database.handle, logger: createLogger(config.logLevel, options.logTo) });
    try {
      await app.listen({ port, host: '127.0.0.1' });
      started = { app, config, port };
    } catch (error) {
      await app.close();
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 5) throw error;
    }
  }
  const { app, config, port } = started;
  const url = `http://127.0.0.1:${port}`;
  const sockets = new Set<TestSocket>();

  return {
    app,
    config,
    db: database.handle.db,
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    token: userToken,
    request: (method, path, opts = {}) => httpRequest(url, method, path, opts),
    async connect(userId, role = 'buyer') {
      const socket = await openSocket(`ws://127.0.0.1:${port}/ws`, await userToken(userId, role));
      sockets.add(socket);
      return socket;
    },
    async close() {
      for (const s of sockets) s.close();
      await app.close();
      if (!options.database) {
        await database.handle.close();
        await database.drop();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestSocket {
  ws: WebSocket;
  events: any[];
  send(frame: unknown): void;
  /** Resolves with the first event (already received or future) that matches. */
  next(match: (event: any) => boolean, timeoutMs?: number): Promise<any>;
  close(): void;
}

export async function openSocket(url: string, token: string, via: 'header' | 'query' = 'header'): Promise<TestSocket> {
  const ws =
    via === 'header' ? new WebSocket(url, { headers: { authorization: `Bearer ${token}` } }) : new WebSocket(`${url}?token=${encodeURIComponent(token)}`);
  const events: any[] = [];
  const waiters: { match: (e: any) => boolean; resolve: (e: any) => void }[] = [];
  ws.on('message', (data) => {
    const event = JSON.parse(data.toString());
    events.push(event);
    for (const w of [...waiters]) {
      if (w.match(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
    ws.once('message', () => resolve());
  });
  return {
    ws,
    events,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next(match, timeoutMs = 5_000) {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out waiting for a socket event')), timeoutMs);
        waiters.push({
          match,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
    close: () => ws.close(),
  };
}

/** An order conversation between a buyer and a seller, created by the operator. */
export async function orderConversation(parley: TestParley, buyer = 'buyer-1', seller = 'seller-1', orderId = `order-${randomUUID()}`) {
  const { status, body } = await parley.request('POST', '/conversations', {
    body: {
      conversationType: 'order',
      orderId,
      contextMetadata: { orderTotal: 42.5, currency: 'EUR' },
      participants: [
        { userId: buyer, role: 'buyer' },
        { userId: seller, role: 'seller' },
      ],
    },
  });
  if (status !== 201) throw new Error(`creating the conversation failed: ${status} ${JSON.stringify(body)}`);
  return body as { conversationId: string; orderId: string };
}

/** Sends a message as a user (JWT), or as the operator when `as` is omitted. A string is sent as text content. */
export async function sendMessage(
  parley: TestParley,
  conversationId: string,
  message: string | Record<string, unknown>,
  options: Pick<RequestOptions, 'as' | 'role' | 'actingAs'> = {},
) {
  const body = typeof message === 'string' ? { content: message } : message;
  return parley.request('POST', `/conversations/${conversationId}/messages`, { ...options, body });
}

export interface UploadFile {
  bytes: Uint8Array;
  fileName: string;
  mimeType: string;
}

/** Uploads a file as the multipart field "file" to POST /conversations/:id/attachments. */
export async function uploadAttachment(
  parley: TestParley,
  conversationId: string,
  file: UploadFile,
  options: { as?: string; role?: UserRole; field?: string } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const form = new FormData();
  form.append(options.field ?? 'file', new Blob([Uint8Array.from(file.bytes)], { type: file.mimeType }), file.fileName);
  const authorization = `Bearer ${options.as ? await parley.token(options.as, options.role) : apiKey}`;
  return readResponse(await fetch(`${parley.url}/conversations/${conversationId}/attachments`, { method: 'POST', headers: { authorization }, body: form }));
}

/** Bytes that pass the PNG signature check: the 8-byte signature followed by `size` random bytes. */
export function pngBytes(size = 64): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size)]));
}

/** A minimal PDF document. */
export function pdfBytes(text = 'Invoice'): Uint8Array {
  return new Uint8Array(Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1'));
}

/** Row counts of the tables requests write to, to show that a refused request wrote nothing. */
export async function rowCounts(db: TestParley['db']): Promise<Record<string, number>> {
  const tables = ['conversations', 'conversation_participants', 'messages', 'message_attachments'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Every file under the attachment store (committed or still incoming), relative to it. */
export function storedFiles(parley: TestParley): string[] {
  const root = join(parley.config.dataDir, 'attachments');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/** Downloads an attachment's bytes as a user (JWT), or as the operator when `as` is omitted. */
export async function downloadAttachment(
  parley: TestParley,
  attachmentId: string,
  options: { as?: string; role?: UserRole } = {},
): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const authorization = `Bearer ${options.as ? await parley.token(options.as, options.role) : apiKey}`;
  const response = await fetch(`${parley.url}/attachments/${attachmentId}`, { headers: { authorization } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

/** A user JWT signed with the test secret, for servers started outside this process too. */
export async function userToken(
  userId: string,
  role: UserRole = 'buyer',
  options: { expiresIn?: string | number; secret?: string; name?: string; locale?: string } = {},
): Promise<string> {
  return new SignJWT({ role, ...(options.name ? { name: options.name } : {}), ...(options.locale ? { locale: options.locale } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(new TextEncoder().encode(options.secret ?? jwtSecret));
}

/** A JSON request against any Parley base URL, as a user (JWT) or as the operator (API key). */
export async function httpRequest(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (!('authorization' in headers)) headers.authorization = `Bearer ${options.as ? await userToken(options.as, options.role) : apiKey}`;
  if (options.actingAs) headers['x-parley-user'] = options.actingAs;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  return readResponse(await fetch(baseUrl + path, { method, headers, body }));
}

/** Status, headers and body: parsed JSON, or the text when it is not JSON. */
async function readResponse(response: Response): Promise<{ status: number; body: any; headers: Headers }> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, headers: response.headers };
}

/** Opens a socket the server must refuse; resolves with the HTTP status and JSON body of the refusal. */
export function refusedUpgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      reject(new Error('the socket was accepted'));
    });
    ws.once('error', (error) => reject(error));
    ws.once('unexpected-response', (_request, response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: response.statusCode ?? 0, body });
        ws.terminate();
      });
    });
  });
}

/** Closes a test socket and resolves once the close handshake is done. */
export function closeSocket(socket: TestSocket): Promise<void> {
  if (socket.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.ws.once('close', () => resolve());
    socket.ws.close();
  });
}

/** Sequence numbers of the message.created events a socket received in one conversation, in arrival order. */
export function receivedSeqs(socket: TestSocket, conversationId: string): number[] {
  return socket.events.filter((e) => e.type === 'message.created' && e.message?.conversationId === conversationId).map((e) => e.message.seq as number);
}

/** Resolves once `check` holds, polling; rejects with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, what = 'a condition', timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends a ping frame and waits for its pong: every event the server sent this socket before it has arrived. */
export async function roundTrip(socket: TestSocket, timeoutMs = 5_000): Promise<void> {
  const before = socket.events.length;
  socket.send({ type: 'ping' });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for pong')), timeoutMs);
    const check = () => {
      if (socket.events.slice(before).some((e) => e.type === 'pong')) {
        clearTimeout(timer);
        socket.ws.off('message', onMessage);
        resolve();
      }
    };
    const onMessage = () => setImmediate(check);
    socket.ws.on('message', onMessage);
    check();
  });
}

/** A sentence a person can act on: a few words, ending like a sentence. */
export function expectSentence(message: unknown): void {
  expect(typeof message).toBe('string');
  expect(message).toMatch(/^\S+(?:\s+\S+){2,}$/);
  expect(message).toMatch(/[.!?]$/);
}

/** What every refusal looks like: the exact status, a machine-readable code, and a sentence. */
export function expectRefusal(reply: { status: number; body: any }, status: number, code: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body?.error?.code).toBe(code);
  expectSentence(reply.body.error.message);
}

/** Everything a request could have written: rows and stored attachment files. */
export async function writtenState(parley: TestParley): Promise<{ rows: Record<string, number>; files: string[] }> {
  return { rows: await rowCounts(parley.db), files: storedFiles(parley) };
}

/** Runs a request that must be refused with `status` and `code`, and checks that it wrote nothing. */
export async function expectRefused<R extends { status: number; body: any }>(parley: TestParley, status: number, code: string, call: () => Promise<R>): Promise<R> {
  const before = await writtenState(parley);
  const reply = await call();
  expectRefusal(reply, status, code);
  expect(await writtenState(parley)).toEqual(before);
  return reply;
}

/** The first event a socket receives after its first `since` events that matches. */
export function nextAfter(socket: TestSocket, since: number, match: (event: any) => boolean, timeoutMs?: number): Promise<any> {
  return socket.next((event) => socket.events.indexOf(event) >= since && match(event), timeoutMs);
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ParleyProcess {
  url: string;
  wsUrl: string;
  pid: number;
  /** JSON request as a user (JWT), as the operator (API key), or as a user through the API key. */
  request(method: string, path: string, options?: RequestOptions): Promise<{ status: number; body: any; headers: Headers }>;
  /** Opens an authenticated socket and collects its events. */
  connect(userId: string, role?: UserRole): Promise<TestSocket>;
  /** The latest output of the process, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited in time; removes its data directory. */
  stop(): Promise<void>;
}

const parleyProcesses = new Set<ChildProcess>();
let killOnExit = false;

/**
 * Runs `src/main.ts` as its own OS process, as a deployment would, and waits for GET /ready.
 * The environment is only what is given (plus PATH and HOME), with PORT and PARLEY_DATA_DIR
 * filled in when missing. The process also ends when this one does, even if this one is
 * killed: it watches its stdin, which closes with its parent.
 */
export async function startParleyProcess(env: Record<string, string>, options: { readyTimeoutMs?: number } = {}): Promise<ParleyProcess> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const ownDataDir = env.PARLEY_DATA_DIR ? undefined : mkdtempSync(join(tmpdir(), 'parley-node-'));
  const watchdog = "process.stdin.on('data',()=>{});process.stdin.on('end',()=>{process.kill(process.pid,'SIGTERM');setTimeout(()=>process.exit(1),5000).unref();});";
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', `data:text/javascript,${encodeURIComponent(watchdog)}`, 'src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? root,
      ...(ownDataDir ? { PARLEY_DATA_DIR: ownDataDir } : {}),
      ...env,
      PORT: String(port),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  parleyProcesses.add(child);
  if (!killOnExit) {
    killOnExit = true;
    process.once('exit', () => {
      for (const c of parleyProcesses) c.kill('SIGKILL');
    });
  }
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => parleyProcesses.delete(child));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`parley exited before it was ready (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    const ready = await fetch(`${url}/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`parley was not ready within the time allowed:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    pid: child.pid!,
    request: (method, path, opts) => httpRequest(url, method, path, opts),
    async connect(userId, role = 'buyer') {
      return openSocket(`ws://127.0.0.1:${port}/ws`, await userToken(userId, role));
    },
    output: () => output,
    stop,
  };
}
