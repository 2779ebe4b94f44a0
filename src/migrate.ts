import { loadConfig } from './config.ts';
import { ConfigError } from './env.ts';
import { migrate, openDatabase, pendingMigrations } from './db/connect.ts';
import { createLogger } from './logger.ts';
import { EXIT, StartupFailure, loadStartupSettings, waitForDatabase } from './startup.ts';

/**
 * Applies the pending migrations and exits: 0 when the schema is current, 78 for bad
 * configuration, 75 when the database stayed unreachable (PARLEY_DATABASE_WAIT_SECONDS).
 * Deployments run it once before a rollout (the Helm chart's migration Job); every node also
 * migrates at start, under the same advisory lock, so running it is never required.
 */
async function run(): Promise<number> {
  let config;
  let startup;
  try {
    config = loadConfig(process.env, []);
    startup = loadStartupSettings(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`parley: configuration error: ${error.message}\n`);
      return EXIT.config;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1, log: logger });
  try {
    await waitForDatabase(database.db, { databaseUrl: config.databaseUrl, waitSeconds: startup.databaseWaitSeconds, log: logger });
    const applied = await migrate(database.db);
    const pending = await pendingMigrations(database.db);
    logger.info({ applied, pending }, applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'the schema is current: nothing to apply');
    return pending.length ? 1 : 0;
  } catch (error) {
    if (error instanceof StartupFailure) {
      process.stderr.write(`parley: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  } finally {
    await database.close();
  }
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`parley: migration failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
