import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './support/backends.ts';
import { serve } from './support/fakes/http.ts';
import { apiKey, freePort, jwtSecret, orderConversation, sendMessage, startParley, type TestParley } from './support/parley.ts';

/** The `parley` command, run from the sources as a process, as an operator types it. */
const root = fileURLToPath(new URL('..', import.meta.url));
const dirs: string[] = [];

function parley(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('parley', () => {
  it('lists its commands with --help, explains each, and refuses what it does not know with 64', { timeout: 180_000 }, async () => {
    const help = await parley(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['start', 'migrate', 'keys create', 'token', 'dead-letters', 'export-user', 'doctor']) expect(help.stdout).toContain(`parley ${command}`);
    for (const command of ['start', 'migrate', 'keys', 'token', 'dead-letters', 'export-user', 'doctor']) {
      const one = await parley([command, '--help']);
      expect(one.code, command).toBe(0);
      expect(one.stdout).toMatch(new RegExp(`^parley ${command}`));
    }
    const unknown = await parley(['launch']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('unknown command "launch"');
  });

  it('creates keys of each kind', { timeout: 90_000 }, async () => {
    const api = await parley(['keys', 'create']);
    expect(api.code).toBe(0);
    expect(api.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const encryption = await parley(['keys', 'create', 'encryption']);
    expect(Buffer.from(encryption.stdout.trim().split(':')[1]!, 'base64')).toHaveLength(32);
    expect((await parley(['keys', 'create', 'ssh'])).code).toBe(64);
  });

  it('signs a token Parley accepts, and names PARLEY_JWT_SECRET when it is missing', { timeout: 90_000 }, async () => {
    const signed = await parley(['token', 'ann', 'seller', '--expires', '5m'], { PARLEY_JWT_SECRET: jwtSecret });
    expect(signed.code).toBe(0);
    const { payload } = await jwtVerify(signed.stdout.trim(), new TextEncoder().encode(jwtSecret));
    expect(payload).toMatchObject({ sub: 'ann', role: 'seller' });
    const missing = await parley(['token', 'ann', 'seller']);
    expect(missing.code).toBe(78);
    expect(missing.stderr).toContain('PARLEY_JWT_SECRET');
    expect((await parley(['token', 'ann', 'admin'], { PARLEY_JWT_SECRET: jwtSecret })).code).toBe(64);
  });

  it('export-user asks for a user id (64) and names PARLEY_URL when no Parley answers (75)', { timeout: 60_000 }, async () => {
    expect((await parley(['export-user'], { PARLEY_API_KEYS: apiKey })).code).toBe(64);
    const result = await parley(['export-user', 'ann'], { PARLEY_API_KEYS: apiKey, PARLEY_URL: `http://127.0.0.1:${await freePort()}` });
    expect(result.code).toBe(75);
    expect(result.stderr).toContain('PARLEY_URL: no Parley answers');
    const keyless = await parley(['export-user', 'ann']);
    expect(keyless.code).toBe(78);
    expect(keyless.stderr).toContain('PARLEY_API_KEYS');
  });

  it('doctor checks the configuration and the database', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    dirs.push(dir);
    const well = await parley(['doctor'], { PARLEY_DATA_DIR: dir });
    expect(well.stdout).toContain('ok    configuration');
    expect(well.stdout).toContain('ok    database embedded database');
    expect(well.stdout).toMatch(/ok    clock skew \d+ ms/);
    expect(well.stdout).toContain('warn  migrations pending: all');
    expect(well.code).toBe(0);
    const bad = await parley(['doctor'], { PARLEY_DATA_DIR: dir, PORT: 'eighty' });
    expect(bad.code).toBe(78);
    expect(bad.stderr).toContain('PORT: expected a whole number');
  });

  it('doctor checks that each provider\'s host answers, without sending', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    dirs.push(dir);
    let requests = 0;
    const receiver = await serve((_req, _body, res) => {
      requests++;
      res.writeHead(200).end();
    });
    try {
      const closedPort = await freePort();
      const providers = {
        webhook: [{ type: 'webhook', name: 'crm', url: `${receiver.url}/hooks/parley`, secret: 'whsec_' + Buffer.alloc(24, 1).toString('base64') }],
        email: [{ type: 'smtp', name: 'relay', host: '127.0.0.1', port: closedPort, from: 'shop@example.com' }],
      };
      const result = await parley(['doctor'], { PARLEY_DATA_DIR: dir, PARLEY_PROVIDERS: JSON.stringify(providers) });
      const port = new URL(receiver.url).port;
      expect(result.stdout).toMatch(new RegExp(`ok    provider webhook crm \\(webhook\\): 127\\.0\\.0\\.1:${port} answers in \\d+ ms`));
      expect(result.stdout).toContain(`FAIL  provider email relay (smtp): 127.0.0.1:${closedPort}: ECONNREFUSED`);
      expect(result.code).toBe(1);
      // Reaching is all it does: nothing was sent.
      expect(requests).toBe(0);
    } finally {
      await receiver.close();
    }
  });

  it('dead-letters names PARLEY_URL when no Parley answers (75)', { timeout: 60_000 }, async () => {
    const result = await parley(['dead-letters', 'list'], { PARLEY_API_KEYS: apiKey, PARLEY_URL: `http://127.0.0.1:${await freePort()}` });
    expect(result.code).toBe(75);
    expect(result.stderr).toContain('PARLEY_URL: no Parley answers');
  });
});

describe('parley dead-letters and export-user against a running Parley', () => {
  let node: TestParley;
  beforeAll(async () => {
    node = await startParley(backends[0]!);
  });
  afterAll(async () => node?.close());

  it('lists none and replays none', { timeout: 90_000 }, async () => {
    const env = { PARLEY_API_KEYS: apiKey, PARLEY_URL: node.url };
    const list = await parley(['dead-letters', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toBe('');
    const replay = await parley(['dead-letters', 'replay', '--all'], env);
    expect(replay.code).toBe(0);
    expect(replay.stdout.trim()).toBe('no dead letters');
  });

  it('export-user writes a user\'s export, with their message decrypted, to stdout or --out', { timeout: 90_000 }, async () => {
    const env = { PARLEY_API_KEYS: apiKey, PARLEY_URL: node.url };
    const { conversationId } = await orderConversation(node, 'cli-buyer', 'cli-seller');
    expect((await sendMessage(node, conversationId, 'Where is my parcel?', { as: 'cli-buyer' })).status).toBe(201);
    const printed = await parley(['export-user', 'cli-buyer'], env);
    expect(printed.code).toBe(0);
    const doc = JSON.parse(printed.stdout);
    expect(doc).toMatchObject({ format: 'parley-export/1', userId: 'cli-buyer' });
    expect(doc.conversations[0].messages.map((m: { content: string }) => m.content)).toContain('Where is my parcel?');
    const dir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    dirs.push(dir);
    const file = join(dir, 'export.json');
    const written = await parley(['export-user', 'cli-buyer', '--out', file], env);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8')).conversations[0].conversationId).toBe(conversationId);
    expect(readdirSync(dir)).toEqual(['export.json']);
  });

  it('export-user reports a refusal with exit 1', { timeout: 60_000 }, async () => {
    const result = await parley(['export-user', 'cli-buyer'], { PARLEY_API_KEYS: 'not-a-key-of-this-parley', PARLEY_URL: node.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Parley answered 401');
  });
});
