/**
 * One racer for vendors' last quota units: its own OS process, on the PostgreSQL database at
 * DATABASE_URL (tiers from PARLEY_TIERS and PARLEY_DEFAULT_TIER, as a node would read them).
 * It says "ready" once connected, waits for "go" on stdin, then for each of RACE_VENDORS vendors
 * (RACE_PREFIX-0, -1, ...) asks for RACE_BURST reservations of RACE_KINDS at once (alternately one
 * unit all or nothing and up to three), and prints what it was granted per vendor as JSON.
 */
import { openDatabase } from '../../src/db/connect.ts';
import { loadTierSettings } from '../../src/tiers/tier-settings.ts';
import { type QuotaKind, createVendorQuotas } from '../../src/tiers/vendor-quotas.ts';

const env = process.env;
const burst = Number(env.RACE_BURST ?? 8);
const database = await openDatabase({ databaseUrl: env.DATABASE_URL!, poolSize: burst });
const quotas = createVendorQuotas(database.db, loadTierSettings(env));
const kinds = (env.RACE_KINDS ?? 'email').split(',') as QuotaKind[];
const vendors = Array.from({ length: Number(env.RACE_VENDORS ?? 20) }, (_, i) => `${env.RACE_PREFIX}-${i}`);

// Connections opened before the start, so both racers begin at full speed.
await Promise.all(Array.from({ length: burst }, () => quotas.usage(vendors[0]!)));
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const granted: number[] = [];
for (const vendor of vendors) {
  const results = await Promise.all(Array.from({ length: burst }, (_, i) => quotas.reserve(database.db, vendor, kinds, i % 2 === 0 ? 1 : 3, { upTo: i % 2 === 1 })));
  granted.push(results.reduce((sum, r) => sum + r.granted, 0));
}
process.stdout.write(`${JSON.stringify({ granted })}\n`);
await database.close();
process.exit(0);
