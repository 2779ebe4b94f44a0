import type { Preferences } from '../notifications/preferences/preference-schemas.ts';
import { quietUntil } from '../notifications/preferences/quiet-hours.ts';
import { type Slot, type WeekHistogram, weekLabel } from './hour-of-week.ts';

export type SendTimeSource = 'own' | 'audience' | 'default';
export interface PlannedSendTime {
  at: Date;
  reason: string;
  source: SendTimeSource;
}

/** With fewer of their own opens, clicks and messages than this, a user gets the audience's best hour. */
export const MIN_OWN_EVENTS = 3;
/** The local hour used when neither the user nor the audience has any history. */
export const DEFAULT_LOCAL_HOUR = 10;

/** The zone a user's times are read in: their delivery window's, else their quiet hours', else UTC (as for daily limits). */
export function userTimezone(prefs: Preferences | undefined): string {
  return prefs?.preferredTimeForDelivery?.timezone ?? prefs?.doNotDisturb?.timezone ?? 'UTC';
}

/** The earliest slot in the histogram's highest bucket; null when no slot's bucket has anything. */
export function bestSlot(slots: readonly Slot[], histogram: WeekHistogram): Slot | null {
  let best: Slot | null = null;
  let score = 0;
  for (const slot of slots) {
    const n = histogram.counts[slot.hourOfWeek]!;
    if (n > score) [best, score] = [slot, n];
  }
  return best;
}

/**
 * One user's send time from the slots of the horizon (in their zone): their own histogram's best
 * hour when they have MIN_OWN_EVENTS or more, else the audience's, else the first DEFAULT_LOCAL_HOUR
 * (else `from`). A time inside their quiet hours or outside their delivery window moves to the next
 * time those allow (the dispatcher's own rule, quietUntil), and the reason says so.
 */
export function chooseSendTime(input: {
  slots: readonly Slot[];
  timezone: string;
  own: WeekHistogram;
  audience: { histogram: WeekHistogram; recipients: number };
  prefs: Preferences | undefined;
}): PlannedSendTime {
  const { slots, timezone, own, audience, prefs } = input;
  const ownBest = own.total >= MIN_OWN_EVENTS ? bestSlot(slots, own) : null;
  const audienceBest = ownBest ? null : bestSlot(slots, audience.histogram);
  let planned: PlannedSendTime;
  if (ownBest) {
    planned = { at: ownBest.at, source: 'own', reason: `own_history: ${own.total} opens/clicks/messages, best ${weekLabel(ownBest.at, timezone)} ${timezone}` };
  } else if (audienceBest) {
    const recipients = `${audience.recipients} recipient${audience.recipients === 1 ? '' : 's'}`;
    planned = { at: audienceBest.at, source: 'audience', reason: `audience_history: ${audience.histogram.total} opens/clicks/messages of ${recipients}, best ${weekLabel(audienceBest.at, timezone)} ${timezone}` };
  } else {
    const slot = slots.find((s) => s.hourOfWeek % 24 === DEFAULT_LOCAL_HOUR) ?? slots[0]!;
    planned = { at: slot.at, source: 'default', reason: `default_hour: no opens, clicks or messages to go by, ${weekLabel(slot.at, timezone)} ${timezone}` };
  }
  const allowed = prefs ? quietUntil(prefs, planned.at) : null;
  if (allowed) planned = { ...planned, at: allowed, reason: `${planned.reason}; moved to ${weekLabel(allowed, timezone)} for quiet hours or the delivery window` };
  return planned;
}
