import { invalid } from '../errors.ts';
import { isTimezone, nextLocalTime } from '../notifications/preferences/quiet-hours.ts';
import type { CampaignBody } from './campaign-schemas.ts';

type Recurring = NonNullable<NonNullable<CampaignBody['schedule']>['recurring']>;

const weekdays = new Map<string, Intl.DateTimeFormat>();
function weekdayIn(at: Date, timeZone: string): string {
  let f = weekdays.get(timeZone);
  if (!f) weekdays.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long' })));
  return f.format(at).toLowerCase();
}

/** The first run of a recurrence after `from`: the next time its local clock reads `time` (on its day, weekly). */
export function nextRun(recurring: Recurring, from: Date): Date {
  let at = nextLocalTime(recurring.time, recurring.timeZone, from);
  if (recurring.frequency === 'weekly') {
    for (let i = 0; i < 8 && weekdayIn(at, recurring.timeZone) !== recurring.dayOfWeek; i++) at = nextLocalTime(recurring.time, recurring.timeZone, at);
  }
  return at;
}

/** When a campaign's first run starts; refuses a start in the past, a recurrence without its day or with an unknown time zone. */
export function firstRunAt(schedule: CampaignBody['schedule'], now: Date): Date {
  if (schedule?.sendAt && schedule.recurring) throw invalid('ambiguous_schedule', 'Give schedule.sendAt or schedule.recurring, not both.', { field: 'schedule' });
  if (schedule?.recurring) {
    const r = schedule.recurring;
    if (!isTimezone(r.timeZone)) throw invalid('invalid_time_zone', `"${r.timeZone}" is not a time zone; use an IANA name such as Europe/Berlin.`, { field: 'schedule.recurring.timeZone' });
    if (r.frequency === 'weekly' && !r.dayOfWeek) throw invalid('missing_day_of_week', 'A weekly campaign needs schedule.recurring.dayOfWeek.', { field: 'schedule.recurring.dayOfWeek' });
    return nextRun(r, now);
  }
  if (schedule?.sendAt) {
    const at = new Date(schedule.sendAt);
    if (at.getTime() < now.getTime() - 5_000) throw invalid('send_at_in_past', `schedule.sendAt ${schedule.sendAt} is in the past; leave it out to send now.`, { field: 'schedule.sendAt' });
    if (at.getTime() > now.getTime() + 365 * 86_400_000) throw invalid('send_at_too_far', 'schedule.sendAt may be at most a year ahead.', { field: 'schedule.sendAt' });
    return at < now ? now : at;
  }
  return now;
}
