import { buildApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { ConfigError } from './env.ts';
import { MessageCrypto } from './crypto/message-crypto.ts';
import { type DatabaseHandle, migrate, openDatabase } from './db/connect.ts';
import { createLogger } from './logger.ts';
import { describeSeed, seedDemo } from './demo/seed.ts';
import { resumeDemoWebhooks } from './demo/demo-webhooks.ts';
import { drainOnSignals } from './ops/drain.ts';
import { startTracing } from './ops/tracing.ts';
import { EXIT, type StartupSettings, StartupFailure, listenFailure, loadStartupSettings, waitForDatabase } from './startup.ts';

function fail(message: string, code: number): never {
  process.stderr.write(`parley: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let config: Config;
  let startup: StartupSettings;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
    startup = loadStartupSettings(process.env);
    new MessageCrypto(config.encryptionKey); // a malformed keyring stops start-up here, before any I/O
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`, EXIT.config);
    throw error;
  }
  const roles = Object.entries(config.notifications.roles).filter(([, on]) => on).map(([role]) => role);
  const tracing = startTracing(process.env, roles);
  const logger = createLogger(config.logLevel, undefined, { traceIds: tracing.enabled });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    connectionWaitMs: config.databaseWaitMs,
    log: logger,
  });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await waitForDatabase(database.db, { databaseUrl: config.databaseUrl, waitSeconds: startup.databaseWaitSeconds, log: logger });
    const applied = await migrate(database.db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    app = await buildApp({ config, database, logger, traceRequests: tracing.enabled });
    if (config.demo.enabled) {
      // Seeding makes some 150 requests: their request logs would bury the summary.
      const level = app.log.level;
      app.log.level = level === 'info' || level === 'debug' || level === 'trace' ? 'warn' : level;
      const seeded = await seedDemo(app, config, { db: database.db }).finally(() => (app!.log.level = level));
      logger.info({ demo: seeded, dataDir: config.dataDir }, describeSeed(seeded));
    }
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      throw listenFailure(error, config.port, config.host) ?? error;
    }
  } catch (error) {
    await closeQuietly(app, database);
    if (error instanceof StartupFailure) fail(error.message, error.exitCode);
    throw error;
  }
  // Listening now: the demo seller's CRM endpoint (Parley's own receiver) takes the story's events.
  if (config.demo.enabled) await resumeDemoWebhooks(app, config);
  logger.info({ database: database.kind, redis: Boolean(config.redisUrl), host: config.host, roles, tracing: tracing.enabled }, `parley listening on ${config.host} port ${config.port}`);
  if (config.credentialsFile) logger.info(`no credentials configured: using the API key and JWT secret in ${config.credentialsFile}`);
  if (config.demo.enabled) {
    logger.info(
      config.host === '127.0.0.1' && !process.env.HOST
        ? 'demo: listening on 127.0.0.1 only, since anyone who reaches the demo can sign in as its operator; set HOST=0.0.0.0 to open it to other machines'
        : `demo: listening on ${config.host} (HOST): anyone who reaches it can sign in as its operator`,
    );
    logger.info(`demo: open http://localhost:${config.port}/app/ and pick who to be`);
  }
  drainOnSignals({ app, closeDatabase: () => database.close().finally(() => tracing.shutdown()), logger, shutdownSeconds: startup.shutdownSeconds });
}

/** After a failed start: whatever was opened is closed, within a few seconds, before the exit. */
async function closeQuietly(app: { close(): Promise<unknown> } | undefined, database: DatabaseHandle): Promise<void> {
  const closing = (async () => {
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
  })();
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
}

main().catch((error: unknown) => {
  process.stderr.write(`parley: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
