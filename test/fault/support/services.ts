/** What every scenario file starts once: its own PostgreSQL, Redis and webhook endpoint. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type PostgresInstance, type RedisInstance, startPostgres, startRedis } from './instances.ts';
import { Deployment } from './parley.ts';
import { startSink, type WebhookSink } from './sink.ts';

export interface Services {
  postgres: PostgresInstance;
  redis: RedisInstance;
  sink: WebhookSink;
  /** A Parley deployment on a fresh database of this PostgreSQL, with this Redis and sink. */
  deployment(env?: Record<string, string>): Promise<{ deployment: Deployment; databaseUrl: string }>;
  close(): Promise<void>;
}

export async function startServices(): Promise<Services> {
  const started = performance.now();
  const [postgres, redis, sink] = await Promise.all([startPostgres(inject('faultPostgresTemplate')), startRedis(), startSink()]);
  process.stdout.write(`[services] PostgreSQL on port ${postgres.port}, Redis on port ${redis.port}, webhook endpoint on port ${sink.port}; ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const deployments: Deployment[] = [];
  return {
    postgres,
    redis,
    sink,
    async deployment(env = {}) {
      const databaseUrl = await postgres.createDatabase(`parley_${randomBytes(4).toString('hex')}`);
      const deployment = new Deployment({ DATABASE_URL: databaseUrl, REDIS_URL: redis.url, PARLEY_PROVIDERS: sink.providers, ...env });
      deployments.push(deployment);
      return { deployment, databaseUrl };
    },
    async close() {
      await Promise.allSettled(deployments.map((d) => d.stopAll()));
      await Promise.allSettled([postgres.destroy(), redis.destroy(), sink.close()]);
    },
  };
}
