import type { Db } from '../db/connect.ts';
import { listMessageHours } from '../messages/sql/listMessageHours.ts';
import { listEngagementHours } from '../notifications/deliveries/sql/listEngagementHours.ts';
import type { SendTimeReaders } from './send-time-planner.ts';

/** The planner's readers from their owners: opens and clicks from the deliveries, messages from messages, and the preferences service. */
export function sendTimeReaders(db: Db, preferences: SendTimeReaders['preferences']): SendTimeReaders {
  return {
    engagementHours: (userIds, since) => listEngagementHours(db, userIds, since),
    messageHours: (userIds, since) => listMessageHours(db, userIds, since),
    preferences,
  };
}
