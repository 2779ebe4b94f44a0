/**
 * The limits the fault suite holds Parley to, in one place; docs/RELIABILITY.md states them.
 */
import { loadNotificationSettings } from '../../../src/notifications/settings.ts';

/** Every request and every socket send is answered within this, outage or not. */
export const ANSWER_LIMIT_MS = 10_000;

/**
 * The documented worst case of deliveries sent twice per killed worker: what one worker may have
 * handed to providers without recording it. For now the deliveries a worker may hold in flight
 * (PARLEY_WORKER_IN_FLIGHT, at its default: the suite does not set it).
 */
export const WORST_CASE_DUPLICATES_PER_KILL = loadNotificationSettings({}).worker.maxInFlight;

/** During a Redis outage chat acknowledgements stay near normal speed: their p95 stays below this. */
export const REDIS_OUTAGE_ACK_P95_MS = 1_000;
