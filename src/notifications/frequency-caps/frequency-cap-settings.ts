import { ConfigError } from '../../env.ts';
import { NOTIFICATION_TYPES, type NotificationType } from '../model.ts';

/** At most `max` notifications of a type per user in any `windowHours` hours. */
export interface FrequencyCap {
  max: number;
  windowHours: number;
}

/** The caps of each notification type; a type without caps (or with none) is never capped. */
export type FrequencyCapSettings = Partial<Record<NotificationType, FrequencyCap[]>>;

/** The seed's example: at most 3 promotional messages a week. Transactional and system alerts are uncapped. */
export const DEFAULT_FREQUENCY_CAPS: FrequencyCapSettings = { promotional: [{ max: 3, windowHours: 168 }] };

const VARIABLE = 'PARLEY_FREQUENCY_CAPS';
/** A year (of 366 days): the longest window. */
const MAX_WINDOW_HOURS = 8784;
const MAX_COUNT = 10_000;

/**
 * PARLEY_FREQUENCY_CAPS, already parsed from JSON (undefined when unset): an object of
 * notification type → list of caps, e.g. {"promotional": [{"max": 3, "windowHours": 168}]}.
 * A type it names replaces that type's default (an empty list lifts the cap); types it does not
 * name keep theirs.
 */
export function parseFrequencyCaps(value: unknown): FrequencyCapSettings {
  const settings: FrequencyCapSettings = structuredClone(DEFAULT_FREQUENCY_CAPS);
  if (value === undefined) return settings;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(VARIABLE, 'must be an object of notification type → list of caps, e.g. {"promotional":[{"max":3,"windowHours":168}]}');
  }
  for (const [type, list] of Object.entries(value)) {
    if (!NOTIFICATION_TYPES.includes(type as never)) throw new ConfigError(VARIABLE, `unknown type "${type}"; types are ${NOTIFICATION_TYPES.join(', ')}`);
    if (!Array.isArray(list)) throw new ConfigError(VARIABLE, `${type} must be a list of caps such as [{"max":3,"windowHours":168}] (an empty list: uncapped)`);
    const windows = new Set<number>();
    settings[type as NotificationType] = list.map((item: unknown, i) => {
      const where = `${type}[${i}]`;
      if (!item || typeof item !== 'object' || Array.isArray(item)) throw new ConfigError(VARIABLE, `${where} must be an object such as {"max":3,"windowHours":168}`);
      const extra = Object.keys(item).filter((k) => k !== 'max' && k !== 'windowHours');
      if (extra.length) throw new ConfigError(VARIABLE, `${where}: unknown field "${extra[0]}"; a cap has max and windowHours`);
      const { max, windowHours } = item as Record<string, unknown>;
      if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > MAX_COUNT) {
        throw new ConfigError(VARIABLE, `${where}.max must be a whole number from 1 to ${MAX_COUNT} (to send none, users opt out of the type)`);
      }
      if (!Number.isInteger(windowHours) || (windowHours as number) < 1 || (windowHours as number) > MAX_WINDOW_HOURS) {
        throw new ConfigError(VARIABLE, `${where}.windowHours must be a whole number of hours from 1 to ${MAX_WINDOW_HOURS} (a year)`);
      }
      if (windows.has(windowHours as number)) throw new ConfigError(VARIABLE, `${where}: ${type} has two caps over ${windowHours} hours; keep one`);
      windows.add(windowHours as number);
      return { max: max as number, windowHours: windowHours as number };
    });
  }
  return settings;
}

/** "3 promotional notifications in 7 days" */
export function describeCap(type: string, cap: FrequencyCap): string {
  const days = cap.windowHours % 24 === 0 ? cap.windowHours / 24 : undefined;
  const span = days === undefined ? `${cap.windowHours} hour${cap.windowHours === 1 ? '' : 's'}` : days === 1 ? '24 hours' : `${days} days`;
  return `${cap.max} ${type} notification${cap.max === 1 ? '' : 's'} in ${span}`;
}
