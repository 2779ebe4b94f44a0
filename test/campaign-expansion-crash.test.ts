import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.ts';
import { backends } from './support/backends.ts';
import { addCustomer, campaignBody, uid } from './support/campaigns.ts';
import { type ParleyProcess, eventually, freshDatabase, processEnv, startParleyProcess, testCredentials, type TestParley } from './support/parley.ts';

/**
 * A worker process killed (SIGKILL) in the middle of a campaign's expansion: the next process
 * takes the campaign over from its last committed batch, and every recipient gets each channel's
 * notification exactly once.
 */
describe.each(backends)('a campaign expansion killed mid-way on $name', (backend) => {
  it('resumes in a new process without sending anyone twice', async () => {
    const settings = { PARLEY_CAMPAIGN_BATCH: '4', PARLEY_CAMPAIGN_POLL_MS: '50', PARLEY_CAMPAIGN_LEAD_SECONDS: '0', PARLEY_CAMPAIGN_LEASE_SECONDS: '2', PARLEY_POLL_MS: '100', PARLEY_DEFAULT_TIER: 'standard', LOG_LEVEL: 'warn' };
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-campaign-crash-'));
    const database = backend.name === 'postgres' ? await freshDatabase(backend) : undefined;
    const env = database ? processEnv(database, backend, { ...settings, PARLEY_DATA_DIR: dataDir }) : { ...testCredentials, ...settings, PARLEY_DATA_DIR: dataDir };
    let first: ParleyProcess | undefined;
    let second: ParleyProcess | undefined;
    try {
      first = await startParleyProcess(env, { readyTimeoutMs: 240_000 });
      const vendor = uid('vendor');
      const customers = Array.from({ length: 24 }, (_, i) => uid(`crash-${String(i).padStart(2, '0')}`));
      for (const userId of customers) await addCustomer(first as unknown as TestParley, vendor, { userId, name: 'Ines Vaz', email: `${userId}@example.com`, optIn: ['in-app', 'email'] });
      // Twenty a second: a batch of four every fifth of a second, so the kill lands mid-expansion.
      const created = await first.request('POST', '/campaigns', { as: vendor, role: 'seller', body: campaignBody(vendor, { pacePerMinute: 1200 }) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.campaignId;
      const progress = async (p: ParleyProcess) => (await p.request('GET', `/campaigns/${id}`, { as: vendor, role: 'seller' })).body;
      await eventually(async () => (await progress(first!)).progress.accepted >= 8, 'a few batches to be expanded', 30_000);
      process.kill(first.pid, 'SIGKILL');
      await eventually(async () => (await first!.request('GET', '/health').then(() => false, () => true)), 'the first process to be gone');

      second = await startParleyProcess(env, { readyTimeoutMs: 240_000 });
      const atStart = await progress(second);
      // Killed mid-way: some recipients were written, not all.
      expect(atStart.progress.accepted).toBeGreaterThanOrEqual(8);
      expect(atStart.progress.accepted).toBeLessThan(customers.length * 2);
      await eventually(async () => (await progress(second!)).progress.expansionDone === true, 'the expansion to finish', 60_000);
      await second.stop();
      second = undefined;

      const handle = database ? database.handle : await openDatabase({ dataDir });
      try {
        const counts = await sql<{ user_id: string; channel: string; n: number }>`
          SELECT user_id, channel, count(*)::int AS n FROM notification_logs WHERE metadata->>'campaignId' = ${id} GROUP BY 1, 2`.execute(handle.db);
        expect(counts.rows).toHaveLength(customers.length * 2);
        expect(counts.rows.every((r) => r.n === 1)).toBe(true);
        expect(new Set(counts.rows.map((r) => r.user_id))).toEqual(new Set(customers));
        const recipients = await sql<{ n: number }>`SELECT count(*)::int AS n FROM campaign_recipients WHERE campaign_id = ${id} AND state = 'accepted'`.execute(handle.db);
        expect(recipients.rows[0]!.n).toBe(customers.length * 2);
      } finally {
        if (!database) await handle.close();
      }
    } finally {
      await first?.stop();
      await second?.stop();
      if (database) {
        await database.handle.close();
        await database.drop();
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 900_000);
});
