/**
 * PostgreSQL and Redis instances of the fault suite's own: started from the machine's binaries on
 * free ports, in temporary directories, so that the suite can stop and restart them without
 * touching the shared services on 5432 and 6379.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './net.ts';

const run = promisify(execFile);

/**
 * A server runs in the foreground under a small Node parent (the tether) that ends it when its
 * stdin closes: when this process exits, however it exits (a SIGKILLed test run included). It
 * then sends `signal` to the server (to the process named on the first line of `pidFile` when
 * given: PostgreSQL's postmaster, which runuser starts), removes `dir`, and exits. A server that
 * stops by itself (pg_ctl stop, redis-cli shutdown) ends its tether too.
 */
const tetherScript = `
const { spawn } = require('node:child_process');
const { readFileSync, rmSync } = require('node:fs');
const [signal, pidFile, dir, command, ...args] = process.argv.slice(1);
let orphaned = false;
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
child.on('exit', (code) => {
  if (orphaned) rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 1);
});
process.stdin.on('data', () => {});
process.stdin.on('end', () => {
  orphaned = true;
  let pid = child.pid;
  try { if (pidFile !== '-') pid = Number(readFileSync(pidFile, 'utf8').split('\\n')[0]); } catch {}
  try { process.kill(pid, signal); } catch {}
  setTimeout(() => { child.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); process.exit(1); }, 10000).unref();
});`;

interface Tethered {
  child: ChildProcess;
  exited: Promise<void>;
  running(): boolean;
}

function tethered(options: { signal: NodeJS.Signals; pidFile?: string; dir: string; logFile: string; command: string; args: string[] }): Tethered {
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, ['-e', tetherScript, options.signal, options.pidFile ?? '-', options.dir, options.command, ...options.args], {
    stdio: ['pipe', log, log],
  });
  closeSync(log);
  child.stdin!.on('error', () => {});
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, running: () => child.exitCode === null && child.signalCode === null };
}

const tail = (file: string, lines: number) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '');

/** The newest PostgreSQL server binaries on the machine (Debian keeps them out of PATH). */
function postgresBin(): string {
  if (process.env.PARLEY_FAULT_PG_BIN) return process.env.PARLEY_FAULT_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(a) - Number(b));
  if (!versions.length) throw new Error(`no PostgreSQL server binaries under ${root}; set PARLEY_FAULT_PG_BIN to the directory holding initdb and pg_ctl`);
  return join(root, versions[versions.length - 1]!, 'bin');
}

/** PostgreSQL refuses to run as root: as root, its commands run as the postgres user. */
const asRoot = process.getuid?.() === 0;
const postgresUser = () => {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root needs a "postgres" user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
};

async function asPostgres(command: string, args: string[]): Promise<string> {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  try {
    const { stdout, stderr } = await run(file, argv, { timeout: 90_000 });
    return stdout + stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export interface PostgresInstance {
  readonly port: number;
  /** A connection string for `database` on this instance (trust authentication, user postgres). */
  url(database?: string): string;
  running(): boolean;
  /** `pg_ctl stop -m fast`: clients see "terminating connection due to administrator command". */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory; resolves once it accepts connections. */
  start(): Promise<void>;
  createDatabase(name: string): Promise<string>;
  /** Stops it (immediately) and removes its directory. */
  destroy(): Promise<void>;
}

/** A directory PostgreSQL's user may own and use. */
function postgresDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  } else {
    chmodSync(dir, 0o700);
  }
  return dir;
}

const initdb = (data: string) => asPostgres(join(postgresBin(), 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);

/** A fresh cluster that is never started, for startPostgres to copy (initdb once per run). */
export async function initPostgresTemplate(): Promise<{ dir: string; remove(): void }> {
  const dir = postgresDir('parley-fault-pg-template-');
  await initdb(join(dir, 'data'));
  return { dir: join(dir, 'data'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts a PostgreSQL of its own: a copy of `template` (see initPostgresTemplate), or a fresh initdb. */
export async function startPostgres(template?: string): Promise<PostgresInstance> {
  const bin = postgresBin();
  const dir = postgresDir('parley-fault-pg-');
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  if (template && existsSync(join(template, 'PG_VERSION'))) await asPostgres('cp', ['-a', template, data]);
  else await initdb(data);
  let port = 0;
  let server: Tethered | undefined;
  const running = () => server?.running() ?? false;
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const ctl = (args: string[]) => asPostgres(join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const launch = async () => {
    // fsync off: the suite stops PostgreSQL cleanly, never crashes it, so nothing rests on the
    // flush, and the disk load of other work on the machine stays out of the timings.
    const postgres = [join(bin, 'postgres'), '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'];
    const [command, ...args] = asRoot ? ['runuser', '-u', 'postgres', '--', ...postgres] : postgres;
    server = tethered({ signal: 'SIGQUIT', pidFile: join(data, 'postmaster.pid'), dir, logFile, command: command!, args });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (!server.running()) throw new Error(`PostgreSQL exited on start (port ${port}):\n${tail(logFile, 20)}`);
      const client = new pg.Client({ connectionString: url(), connectionTimeoutMillis: 2_000 });
      const ok = await client.connect().then(
        () => true,
        () => false,
      );
      await client.end().catch(() => {});
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections on port ${port} within 60 s:\n${tail(logFile, 20)}`);
      await sleep(100);
    }
  };
  // A port found free can be taken before the server binds it: try another.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      if (running()) await ctl(['-m', 'immediate', '-w', 'stop']).catch(() => {});
      if (attempt === 3) throw error;
    }
  }
  return {
    port,
    url,
    running,
    async stop() {
      await ctl(['-m', 'fast', '-w', '-t', '60', 'stop']);
      await server?.exited;
    },
    start: launch,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async destroy() {
      if (running()) {
        await ctl(['-m', 'immediate', '-w', 'stop']).catch(() => server?.child.kill('SIGKILL'));
        await server?.exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RedisInstance {
  readonly port: number;
  readonly url: string;
  running(): boolean;
  /** `redis-cli shutdown nosave`; resolves once the server has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is saved). */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startRedis(): Promise<RedisInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-fault-redis-'));
  const logFile = join(dir, 'server.log');
  let port = 0;
  let server: Tethered | undefined;
  const running = () => server?.running() ?? false;
  const launch = async () => {
    server = tethered({
      signal: 'SIGKILL',
      dir,
      logFile,
      command: 'redis-server',
      args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    });
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (!server.running()) throw new Error(`redis-server exited on start (port ${port}):\n${tail(logFile, 10)}`);
      const ping = await run('redis-cli', ['-p', String(port), 'ping'], { timeout: 2_000 }).then(
        (r) => r.stdout.trim(),
        () => '',
      );
      if (ping === 'PONG') return;
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}:\n${tail(logFile, 10)}`);
      await sleep(50);
    }
  };
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      server?.child.kill('SIGKILL');
      await server?.exited;
      if (attempt === 3) throw error;
    }
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    running,
    async stop() {
      if (!running()) return;
      await run('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { timeout: 10_000 }).catch(() => server?.child.kill('SIGKILL'));
      await server?.exited;
    },
    start: launch,
    async destroy() {
      if (running()) {
        await run('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { timeout: 10_000 }).catch(() => server?.child.kill('SIGKILL'));
        await server?.exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
