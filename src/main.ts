import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { ConfigError } from './env.ts';
import { MessageCrypto } from './crypto/message-crypto.ts';
import { migrate, openDatabase } from './db/connect.ts';
import { createLogger } from './logger.ts';
import { describeSeed, seedDemo } from './demo/seed.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
    new MessageCrypto(config.encryptionKey); // a malformed keyring stops start-up here, before any I/O
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`parley: configuration error: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    connectionWaitMs: config.databaseWaitMs,
    log: logger,
  });
  const applied = await migrate(database.db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const app = await buildApp({ config, database, logger });
  if (config.demo.enabled) {
    // Seeding makes some 150 requests: their request logs would bury the summary.
    const level = app.log.level;
    app.log.level = level === 'info' || level === 'debug' || level === 'trace' ? 'warn' : level;
    const seeded = await seedDemo(app, config, { db: database.db }).finally(() => (app.log.level = level));
    logger.info({ demo: seeded, dataDir: config.dataDir }, describeSeed(seeded));
  }
  await app.listen({ port: config.port, host: config.host });
  logger.info({ database: database.kind, redis: Boolean(config.redisUrl) }, `parley listening on port ${config.port}`);
  if (config.credentialsFile) logger.info(`no credentials configured: using the API key and JWT secret in ${config.credentialsFile}`);
  if (config.demo.enabled) logger.info(`demo: open http://localhost:${config.port}/app/ and pick who to be`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`parley: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
