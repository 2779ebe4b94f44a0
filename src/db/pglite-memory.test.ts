import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connect.ts';
import { PGLITE_SETTINGS, hasDataDir } from './pglite-memory.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function setting(dataDir: string, name: string): Promise<string> {
  const handle = await openDatabase({ dataDir });
  try {
    const result = await sql<{ value: string }>`SELECT current_setting(${name}) AS value`.execute(handle.db);
    return result.rows[0]!.value;
  } finally {
    await handle.close();
  }
}

describe('the embedded database on disk', () => {
  it('creates a new data directory apart, with a small buffer pool written into postgresql.conf, and opens it again', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-pglite-'));
    dirs.push(dataDir);
    expect(hasDataDir(join(dataDir, 'pglite'))).toBe(false);
    expect(await setting(dataDir, 'shared_buffers')).toBe(PGLITE_SETTINGS.shared_buffers);
    expect(hasDataDir(join(dataDir, 'pglite'))).toBe(true);
    expect(readFileSync(join(dataDir, 'pglite', 'postgresql.conf'), 'utf8')).toMatch(/^shared_buffers = 8MB/m);
    // A data directory from before (initdb's 128MB in postgresql.conf) gets the small pool too.
    const conf = join(dataDir, 'pglite', 'postgresql.conf');
    writeFileSync(conf, readFileSync(conf, 'utf8').replace(/^shared_buffers = .*$/m, 'shared_buffers = 128MB'));
    expect(await setting(dataDir, 'shared_buffers')).toBe(PGLITE_SETTINGS.shared_buffers);
  });
});
