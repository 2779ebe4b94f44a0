import type { Db } from '../db/connect.ts';
import { listMessageHours } from '../messages/sql/listMessageHours.ts';
import { listEngagementHours } from '../notifications/deliveries/sql/listEngagementHours.ts';
import type { SendTimeReaders } from './send-time-planner.ts';

/** The planner's readers, each its owner's: opens and clicks (notifications/deliveries), the users' own chat messages (src/messages), stored preferences. */
export function sendTimeReaders(db: Db, preferences: SendTimeReaders['preferences']): SendTimeReaders {
  return {
    engagementHours: (userIds, since) => listEngagementHours(db, userIds, since),
    messageHours: (userIds, since) => listMessageHours(db, userIds, since),
    preferences,
  };
}
