import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, httpRequest, openSocket, testCredentials, userToken } from './support/parley.ts';

/**
 * Parley as an operator runs it: compiled by `npm run build:server`, started by `npm start` (or
 * `node dist/server/main.js`, or `npm run dev` from the sources), stopped by a signal to
 * whichever process the supervisor holds.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const started = new Set<ChildProcess>();

interface Started {
  child: ChildProcess;
  url: string;
  port: number;
  output(): string;
  exited: Promise<number | null>;
}

function run(command: string, args: string[], env: Record<string, string>, port: number): Started {
  // Its own process group, so that cleanup can end npm and everything under it.
  const child = spawn(command, args, { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  started.add(child);
  let output = '';
  // All of it (bounded): the lines looked for come early, and demo mode logs every message it sends after them.
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => started.delete(child));
  return { child, url: `http://127.0.0.1:${port}`, port, output: () => output, exited };
}

async function ready(node: Started, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (node.child.exitCode !== null) throw new Error(`exited before it was ready (${node.child.exitCode}):\n${node.output()}`);
    if (await fetch(`${node.url}/ready`).then((r) => r.status === 200, () => false)) return;
    if (Date.now() > deadline) throw new Error(`not ready in time:\n${node.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function reachable(url: string): Promise<boolean> {
  return fetch(`${url}/health`).then(() => true, () => false);
}

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-start-'));
  dirs.push(dir);
  return dir;
}

beforeAll(() => {
  // The compiled server, as `npm run build` makes it (the web app is built by the global setup).
  execFileSync(process.execPath, ['scripts/build-server.js'], { cwd: root, stdio: 'pipe' });
}, 300_000);

afterAll(() => {
  for (const child of started) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('npm start (the compiled server)', () => {
  it('runs dist/server with node alone, builds nothing at start, and serves the built web app', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(manifest.scripts.prestart).toBeUndefined();
    expect(manifest.scripts.start).toBe('exec node scripts/start.js');
    expect(manifest.dependencies.tsx).toBeUndefined();
    expect(manifest.dependencies.vite).toBeUndefined();
  });

  it('drains on SIGTERM to npm: accepted writes are kept, sockets get 1012, the process exits 0 and leaves nothing running', { timeout: 240_000 }, async () => {
    const dir = dataDir();
    const env = { ...testCredentials, PARLEY_DATA_DIR: dir, PARLEY_SHUTDOWN_SECONDS: '20', PARLEY_SEND_RATE_LIMIT: '100000', LOG_LEVEL: 'info' };
    const node = run('npm', ['start'], env, await freePort());
    await ready(node);
    const created = await httpRequest(node.url, 'POST', '/conversations', {
      body: { conversationType: 'order', orderId: 'order-drain', participants: [{ userId: 'ann', role: 'buyer' }, { userId: 'sam', role: 'seller' }] },
    });
    expect(created.status).toBe(201);
    const { conversationId } = created.body;
    const sam = await openSocket(`ws://127.0.0.1:${node.port}/ws`, await userToken('sam', 'seller'));
    const closed = new Promise<number>((resolve) => sam.ws.once('close', (code) => resolve(code)));

    // Traffic: sends in flight when the signal comes.
    let firstAnswer!: () => void;
    const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
    const token = await userToken('ann');
    const sends = Array.from({ length: 40 }, (_, i) =>
      fetch(`${node.url}/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: `message ${i}` }),
      }).then(
        (r) => (firstAnswer(), r.status),
        () => 'refused' as const,
      ),
    );
    await answered;
    node.child.kill('SIGTERM'); // npm's own pid, as a supervisor holding `npm start` sends it
    const outcomes = await Promise.all(sends);
    expect(await closed).toBe(1012);
    expect(await node.exited).toBe(0);
    expect(node.output()).toMatch(/SIGTERM: draining/);
    expect(node.output()).toMatch(/drained; exiting/);
    expect(await reachable(node.url)).toBe(false);

    // Every send answered 201 was stored; the others were refused (503 or no connection), never half done.
    for (const outcome of outcomes) expect([201, 503, 'refused']).toContain(outcome);
    const accepted = outcomes.filter((o) => o === 201).length;
    expect(accepted).toBeGreaterThan(0);
    const again = run(process.execPath, ['dist/server/main.js'], env, await freePort());
    await ready(again);
    const listed = await httpRequest(again.url, 'GET', `/conversations/${conversationId}/messages?limit=100`, { as: 'ann' });
    expect(listed.status).toBe(200);
    expect(listed.body.messages).toHaveLength(accepted);
    process.kill(again.child.pid!, 'SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('names PORT when the port is taken, and exits 69', { timeout: 120_000 }, async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, () => resolve((blocker.address() as { port: number }).port)));
    try {
      const node = run(process.execPath, ['dist/server/main.js'], { ...testCredentials, PARLEY_DATA_DIR: dataDir() }, port);
      expect(await node.exited).toBe(69);
      expect(node.output()).toContain(`parley: PORT: port ${port} is already in use`);
      expect(node.output()).not.toMatch(/EADDRINUSE|    at /);
    } finally {
      blocker.close();
    }
  });

  it('retries an unreachable database for PARLEY_DATABASE_WAIT_SECONDS, then names DATABASE_URL and exits 75', { timeout: 120_000 }, async () => {
    const closedPort = await freePort();
    const node = run(
      process.execPath,
      ['dist/server/main.js'],
      { ...testCredentials, DATABASE_URL: `postgres://parley:secret@127.0.0.1:${closedPort}/parley`, PARLEY_DATABASE_WAIT_SECONDS: '2' },
      await freePort(),
    );
    expect(await node.exited).toBe(75);
    const output = node.output();
    expect(output).toContain(`parley: DATABASE_URL: cannot reach the database at postgres://parley:***@127.0.0.1:${closedPort}/parley (ECONNREFUSED)`);
    expect(output).toContain('(PARLEY_DATABASE_WAIT_SECONDS)');
    expect(output).not.toContain('secret');
    expect(output.match(/not reachable yet/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses bad configuration with its sentence and exit code 78', { timeout: 60_000 }, async () => {
    const node = run(process.execPath, ['dist/server/main.js'], { ...testCredentials, PARLEY_DATA_DIR: dataDir(), PARLEY_SHUTDOWN_SECONDS: 'soon' }, await freePort());
    expect(await node.exited).toBe(78);
    expect(node.output()).toContain('parley: configuration error: PARLEY_SHUTDOWN_SECONDS: expected a whole number, got "soon"');
  });

  it('in demo mode listens on 127.0.0.1 only, and says so', { timeout: 180_000 }, async () => {
    const node = run(process.execPath, ['dist/server/main.js', '--demo'], { PARLEY_DATA_DIR: dataDir(), LOG_LEVEL: 'info' }, await freePort());
    await ready(node, 150_000);
    expect(node.output()).toMatch(/parley listening on 127\.0\.0\.1 port \d+/);
    expect(node.output()).toContain('demo: listening on 127.0.0.1 only');
    const outside = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (outside) expect(await reachable(`http://${outside.address}:${node.port}`)).toBe(false);
    node.child.kill('SIGTERM');
    expect(await node.exited).toBe(0);
  });
});

describe('npm run dev (from the sources)', () => {
  it('starts without a build and stops with npm, leaving nothing running', { timeout: 180_000 }, async () => {
    const node = run('npm', ['run', 'dev'], { ...testCredentials, PARLEY_DATA_DIR: dataDir(), LOG_LEVEL: 'info' }, await freePort());
    await ready(node, 150_000);
    node.child.kill('SIGTERM');
    await node.exited;
    expect(node.output()).toMatch(/SIGTERM: draining/);
    expect(await reachable(node.url)).toBe(false);
  });
});
