/**
 * Parley as an operator runs it: `node --import tsx src/main.ts` child processes with roles and
 * settings from the environment. A Deployment starts them, kills and restarts them on purpose,
 * and notes every exit nobody asked for (with the last lines the process wrote).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignJWT } from 'jose';
import { freePort } from './net.ts';

/** Credentials of this run, shared by every node and by the clients. */
export const credentials = {
  apiKey: `fault-${randomBytes(18).toString('base64url')}`,
  jwtSecret: randomBytes(32).toString('base64url'),
  encryptionKey: `k1:${randomBytes(32).toString('base64')}`,
  webhookSecret: `whsec_${randomBytes(32).toString('base64')}`,
};

/** A user's JWT for this run's secret. */
export function userToken(userId: string, role: 'buyer' | 'seller' = 'buyer'): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(credentials.jwtSecret));
}

const root = fileURLToPath(new URL('../../..', import.meta.url));
// The child ends when this process does, even when this one is killed: its stdin closes then.
const watchdog = "process.stdin.on('data',()=>{});process.stdin.on('end',()=>{process.kill(process.pid,'SIGTERM');setTimeout(()=>process.exit(1),5000).unref();});";

/** How long a node may take to answer /ready: generous, the machine may be busy. */
const START_TIMEOUT_MS = 120_000;

const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export interface Exit {
  node: string;
  pid: number;
  code: number | null;
  signal: string | null;
  /** Epoch ms. */
  at: number;
  /** The start of what it wrote to stderr (its crash report), or else the last lines it wrote. */
  output: string;
}

export interface ParleyNode {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly wsUrl: string;
  pid(): number;
  alive(): boolean;
  /** Alive and answered /ready since it was last started. */
  ready(): boolean;
  /** Sends `signal` as an intended fault (not counted as an unexpected exit); resolves once it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the node again with the same settings and port; resolves once /ready answers 200. */
  restart(): Promise<void>;
  /** SIGTERM (SIGKILL after 10 s); the end of the test, not a fault. */
  stop(): Promise<void>;
  output(): string;
  /** Warnings and errors it logged (pino "msg", or stderr lines), with how often, since it was first started. */
  readonly logged: Map<string, number>;
}

export interface NodeSpec {
  name: string;
  roles: 'api' | 'worker' | 'api,worker';
  /** Added to (and overriding) the deployment's environment. */
  env?: Record<string, string>;
}

export class Deployment {
  readonly nodes: ParleyNode[] = [];
  /** Exits nobody asked for: each one fails the scenario. */
  readonly unexpectedExits: Exit[] = [];
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'parley-fault-data-'));
  readonly redisPrefix = `fault-${randomBytes(4).toString('hex')}`;

  constructor(private readonly env: Record<string, string>) {}

  /** Starts a node and waits until it is ready. */
  async start(spec: NodeSpec): Promise<ParleyNode> {
    const node = await startNode(spec, {
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PARLEY_API_KEYS: credentials.apiKey,
      PARLEY_JWT_SECRET: credentials.jwtSecret,
      PARLEY_ENCRYPTION_KEY: credentials.encryptionKey,
      PARLEY_REDIS_PREFIX: this.redisPrefix,
      PARLEY_SEND_RATE_LIMIT: '1000000',
      PARLEY_DATA_DIR: join(this.dataDir, spec.name),
      PARLEY_ROLES: spec.roles,
      ...this.env,
      ...spec.env,
    }, (exit) => this.unexpectedExits.push(exit));
    this.nodes.push(node);
    return node;
  }

  /** "worker-1: 3× outcome dropped…", one line per node and message. */
  loggedProblems(): string[] {
    return this.nodes.flatMap((n) => [...n.logged].map(([msg, count]) => `${n.name}: ${count}× ${msg}`));
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

async function startNode(spec: NodeSpec, env: Record<string, string>, unexpected: (exit: Exit) => void): Promise<ParleyNode> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child!: ChildProcess;
  let output: string[] = [];
  let intended = false;
  let exited: Promise<void> = Promise.resolve();
  let started = false;
  const logged = new Map<string, number>();
  /** What the process wrote to stderr since it was last started: its crash report, if it crashed. */
  let stderr: string[] = [];
  const note = (line: string, stream: 'stdout' | 'stderr') => {
    let msg: string | undefined;
    if (line.startsWith('{')) {
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        if ((entry.level ?? 0) >= 40) msg = `${entry.level! >= 50 ? 'error' : 'warn'}: ${entry.msg}`;
      } catch {
        // not a log line
      }
    } else if (stream === 'stderr') {
      if (stderr.length < 200) stderr.push(line.slice(0, 300));
      // A crash prints its error's first line, then a stack: the first line says what happened.
      if (/^\s*(\w*Error\b|error:|Error:)/.test(line) && !/^\s+at /.test(line)) msg = `stderr: ${line.trim().slice(0, 160)}`;
    }
    if (msg) logged.set(msg, (logged.get(msg) ?? 0) + 1);
  };

  const launch = async () => {
    intended = false;
    started = false;
    output = [];
    stderr = [];
    const c = spawn(process.execPath, ['--import', 'tsx', '--import', `data:text/javascript,${encodeURIComponent(watchdog)}`, 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? root, ...env, PORT: String(port) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child = c;
    children.add(c);
    c.stdin!.on('error', () => {});
    const keep = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const lines = chunk.toString().split('\n').filter(Boolean);
      for (const line of lines) note(line, stream);
      output.push(...lines.map((l) => l.slice(0, 600)));
      if (output.length > 60) output = output.slice(-60);
    };
    c.stdout!.on('data', keep('stdout'));
    c.stderr!.on('data', keep('stderr'));
    exited = new Promise((resolve) =>
      c.once('exit', (code, signal) => {
        children.delete(c);
        if (!intended) unexpected({ node: spec.name, pid: c.pid!, code, signal, at: Date.now(), output: (stderr.length ? stderr.filter((l) => !/^\s+at /.test(l)).slice(0, 8) : output.slice(-8)).join('\n') });
        resolve();
      }),
    );
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      if (c.exitCode !== null || c.signalCode !== null) {
        throw new Error(`${spec.name} (${spec.roles}) exited during start-up (${c.exitCode ?? c.signalCode}):\n${output.join('\n')}`);
      }
      const status = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => (r.body?.cancel(), r.status),
        () => undefined,
      );
      if (status === 200) {
        started = true;
        return;
      }
      if (Date.now() > deadline) {
        intended = true;
        c.kill('SIGKILL');
        throw new Error(`${spec.name} (${spec.roles}) was not ready within ${START_TIMEOUT_MS / 1000} s:\n${output.join('\n')}`);
      }
      await sleep(100);
    }
  };
  await launch();

  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name: spec.name,
    port,
    url,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    pid: () => child.pid!,
    alive,
    ready: () => started && alive(),
    async kill(signal = 'SIGKILL') {
      if (!alive()) return;
      intended = true;
      child.kill(signal);
      await exited;
    },
    restart: launch,
    async stop() {
      if (!alive()) return;
      intended = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    output: () => output.join('\n'),
    logged,
  };
}
