import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './parley.ts';

/** The EICAR anti-virus test file: harmless, and detected by every scanner as if it were malware. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export interface TestClamd {
  /** For PARLEY_CLAMD_URL. */
  url: string;
  /** Stops clamd and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts a clamd of its own (Debian's clamav-daemon) on a free TCP port, with a signature
 * database holding one signature: EICAR's. Resolves once clamd answers PING.
 */
export async function startClamd(): Promise<TestClamd> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-clamd-'));
  const port = await freePort();
  const hex = Buffer.from(EICAR, 'latin1').toString('hex');
  writeFileSync(join(dir, 'parley-test.ndb'), `Eicar-Test-Signature:0:*:${hex}\n`);
  writeFileSync(
    join(dir, 'clamd.conf'),
    [`Foreground yes`, `DatabaseDirectory ${dir}`, `TCPSocket ${port}`, `TCPAddr 127.0.0.1`, `Bytecode no`, `StreamMaxLength 2M`, ''].join('\n'),
  );
  const child = spawn('/usr/sbin/clamd', ['-c', join(dir, 'clamd.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await untilPong(port, child);
  } catch (error) {
    await stop();
    throw new Error(`clamd did not start: ${(error as Error).message}\n${stderr}`);
  }
  return { url: `tcp://127.0.0.1:${port}`, stop };
}

/** Asks clamd PING until it answers PONG (loading signatures takes a moment), for up to 30 s. */
async function untilPong(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`clamd exited with ${child.exitCode}`);
    if ((await ping(port)) === 'PONG') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no PONG within 30 s');
}

function ping(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setTimeout(2_000, () => socket.destroy());
    socket.on('connect', () => socket.write('zPING\0'));
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(text.replace(/\0/g, '').trim()));
  });
}
