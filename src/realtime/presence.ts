import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { FanOut } from './fanout.ts';
import type { Hub } from './hub.ts';

const ttlMs = 60_000;
const maxPeers = 1_000;

/**
 * Who is online. A user is online while any node holds a socket of theirs. With Redis, each
 * node records its users in a hash per user (field = node, value = expiry) and refreshes it,
 * so a crashed node's users go offline when their entries expire. While Redis is away each
 * node knows only its own sockets.
 */
/**
 * `peersOf(userId, limit)` names who sees a user's presence (the domain decides: those who share
 * a conversation with them); presence itself only tracks sockets.
 */
export function createPresence(deps: {
  peersOf: (userId: string, limit: number) => Promise<string[]>;
  fanOut: FanOut;
  hub: Hub;
  redis?: Redis;
  prefix: string;
  nodeId: string;
  logger: Logger;
}) {
  const { redis, nodeId, hub } = deps;
  const key = (userId: string) => `${deps.prefix}:presence:${userId}`;
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  const refresh = redis
    ? setInterval(() => {
        const pipeline = redis.pipeline();
        const expires = String(Date.now() + ttlMs);
        for (const userId of hub.connectedUsers()) pipeline.hset(key(userId), nodeId, expires).pexpire(key(userId), ttlMs);
        pipeline.exec().catch(() => {});
      }, ttlMs / 3)
    : undefined;
  refresh?.unref();

  async function announce(userId: string, online: boolean): Promise<void> {
    if (redis) {
      try {
        if (online) await redis.multi().hset(key(userId), nodeId, String(Date.now() + ttlMs)).pexpire(key(userId), ttlMs).exec();
        else await redis.hdel(key(userId), nodeId);
      } catch {
        // Redis is away: this node's own sockets decide, and the refresh records it when it is back.
      }
      // Another node may still hold a socket of this user.
      if (!online && (await isOnline([userId])).has(userId)) return;
    }
    const peers = await deps.peersOf(userId, maxPeers);
    if (peers.length) deps.fanOut.publish({ userIds: peers, payload: { type: 'presence', userId, online } });
  }

  async function isOnline(userIds: string[]): Promise<Set<string>> {
    const online = new Set(userIds.filter((u) => hub.isConnected(u)));
    if (!redis) return online;
    const rest = userIds.filter((u) => !online.has(u));
    if (rest.length === 0) return online;
    const pipeline = redis.pipeline();
    for (const u of rest) pipeline.hgetall(key(u));
    // While Redis is away, only this node's sockets are known.
    const results = (await pipeline.exec().catch(() => null)) ?? [];
    const now = Date.now();
    rest.forEach((u, i) => {
      const fields = (results[i]?.[1] ?? {}) as Record<string, string>;
      if (Object.values(fields).some((expiry) => Number(expiry) > now)) online.add(u);
    });
    return online;
  }

  return {
    changed(userId: string, online: boolean): void {
      if (stopping) return; // a node going down withdraws its entries at once (see close) and announces nothing
      const update = announce(userId, online)
        .catch((err: Error) => deps.logger.warn({ err: err.message }, 'presence update failed'))
        .finally(() => inFlight.delete(update));
      inFlight.add(update);
    },
    isOnline,
    /** Stops refreshing and lets the announcements under way finish (before the database closes). */
    async close(): Promise<void> {
      stopping = true;
      clearInterval(refresh);
      await Promise.allSettled([...inFlight]);
      if (redis) {
        // This node's entries go now rather than when they expire; peers are not told (best effort).
        const pipeline = redis.pipeline();
        for (const userId of hub.connectedUsers()) pipeline.hdel(key(userId), nodeId);
        await pipeline.exec().catch(() => {});
      }
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
