/** Where tests run: always on embedded PGlite; also on PostgreSQL + Redis when their URLs are set. */
export interface Backend {
  name: 'pglite' | 'postgres';
  databaseUrl?: string;
  redisUrl?: string;
}

/** In CI the real services are required: a missing one fails the run instead of shrinking it. */
export function requiredServices(): void {
  if (process.env.CI && (!process.env.DATABASE_URL || !process.env.REDIS_URL || !process.env.AMQP_URL)) {
    throw new Error('CI must run the tests on PostgreSQL, Redis and RabbitMQ too: set DATABASE_URL, REDIS_URL and AMQP_URL');
  }
}

/** RabbitMQ, for the order-event consumer's tests (they run only when it is set). */
export const amqpUrl: string | undefined = process.env.AMQP_URL;

export const backends: Backend[] = [
  { name: 'pglite' },
  ...(process.env.DATABASE_URL ? [{ name: 'postgres' as const, databaseUrl: process.env.DATABASE_URL, redisUrl: process.env.REDIS_URL }] : []),
];

/** PostgreSQL and Redis both configured: multi-node tests run. */
export const realServices: Backend | undefined = backends.find((b) => b.name === 'postgres' && b.redisUrl);
