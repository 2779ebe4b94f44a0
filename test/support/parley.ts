import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import pg from 'pg';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { type App, buildApp } from '../../src/app.ts';
import type { UserRole } from '../../src/auth/principal.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/connect.ts';
import { createLogger } from '../../src/logger.ts';
import { type Backend, postgresTemplate } from './backends.ts';

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
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${postgresTemplate}`);
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
  token(userId: string, role?: UserRole, options?: { expiresIn?: string | number; name?: string }): Promise<string>;
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
  /** Reuse a database (a second node on the same PostgreSQL). */
  database?: TestDatabase;
}

/** Starts Parley on a random port with a fresh database on the given backend. */
export async function startParley(backend: Backend, options: StartOptions = {}): Promise<TestParley> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-data-'));
  const database = options.database ?? (await freshDatabase(backend));
  const config = loadConfig({
    PARLEY_DATA_DIR: dataDir,
    PARLEY_API_KEYS: apiKey,
    PARLEY_JWT_SECRET: jwtSecret,
    PARLEY_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    PARLEY_REDIS_PREFIX: `parley-test-${process.pid}`,
    LOG_LEVEL: 'silent',
    ...(backend.redisUrl ? { REDIS_URL: backend.redisUrl } : {}),
    ...options.env,
  });
  const app = await buildApp({ config, database: database.handle, logger: createLogger(config.logLevel) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const sockets = new Set<TestSocket>();

  async function token(userId: string, role: UserRole = 'buyer', opts: { expiresIn?: string | number; name?: string } = {}) {
    return new SignJWT({ role, ...(opts.name ? { name: opts.name } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(opts.expiresIn ?? '10m')
      .sign(new TextEncoder().encode(jwtSecret));
  }

  return {
    app,
    config,
    db: database.handle.db,
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    token,
    async request(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (!('authorization' in headers)) {
        headers.authorization = `Bearer ${opts.as ? await token(opts.as, opts.role) : apiKey}`;
      }
      if (opts.actingAs) headers['x-parley-user'] = opts.actingAs;
      let body: string | undefined;
      if (opts.body !== undefined) {
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(url + path, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed as any, headers: response.headers };
    },
    async connect(userId, role = 'buyer') {
      const socket = await openSocket(`ws://127.0.0.1:${port}/ws`, await token(userId, role));
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
