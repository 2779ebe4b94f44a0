/**
 * PostgreSQL and Redis instances of the fault suite's own: started from the machine's binaries on
 * free ports, in temporary directories, so that the suite can stop and restart them without
 * touching the shared services on 5432 and 6379.
 */
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './net.ts';

const run = promisify(execFile);

/** Everything started here is stopped when the test process exits (a SIGKILL of it leaves them). */
const onExit = new Set<() => void>();
process.once('exit', () => {
  for (const cleanup of onExit) cleanup();
});

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
  let up = false;
  const ctl = (args: string[]) => asPostgres(join(bin, 'pg_ctl'), ['-D', data, ...args]);
  // fsync off: the suite stops PostgreSQL cleanly, never crashes it, so nothing rests on the flush,
  // and the disk load of other work on the machine stays out of the timings.
  const options = () => `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`;
  const serverLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '');
  const startOn = async () => {
    try {
      await ctl(['-o', options(), '-l', logFile, '-w', '-t', '60', 'start']);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nserver log:\n${serverLog()}`);
    }
    up = true;
  };
  // A port found free can be taken before the server binds it: try another.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await startOn();
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  const emergencyStop = () => {
    if (up) {
      const argv = [join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop'];
      spawnSync(asRoot ? 'runuser' : argv[0]!, asRoot ? ['-u', 'postgres', '--', ...argv] : argv.slice(1), { stdio: 'ignore' });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  onExit.add(emergencyStop);
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    running: () => up,
    async stop() {
      await ctl(['-m', 'fast', '-w', '-t', '60', 'stop']);
      up = false;
    },
    async start() {
      await startOn();
    },
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
      onExit.delete(emergencyStop);
      if (up) await ctl(['-m', 'immediate', '-w', 'stop']).catch(() => {});
      up = false;
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
  let port = 0;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const launch = async () => {
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', join(dir, 'server.log')], {
      stdio: 'ignore',
    });
    child = server;
    exited = new Promise((resolve) => server.once('exit', () => resolve()));
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`redis-server exited on start (port ${port}): ${readLog()}`);
      const ping = await run('redis-cli', ['-p', String(port), 'ping'], { timeout: 2_000 }).then(
        (r) => r.stdout.trim(),
        () => '',
      );
      if (ping === 'PONG') return;
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}: ${readLog()}`);
      await sleep(50);
    }
  };
  const readLog = () => (existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8').split('\n').slice(-10).join('\n') : '');
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      child?.kill('SIGKILL');
      if (attempt === 3) throw error;
    }
  }
  const emergencyStop = () => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  onExit.add(emergencyStop);
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    running,
    async stop() {
      if (!running()) return;
      await run('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { timeout: 10_000 }).catch(() => child?.kill('SIGKILL'));
      await exited;
    },
    start: launch,
    async destroy() {
      onExit.delete(emergencyStop);
      if (running()) {
        child!.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
