import { describe, expect, it } from 'vitest';
import { loadNotificationSettings } from '../settings.ts';
import { DEFAULT_FREQUENCY_CAPS, describeCap, parseFrequencyCaps } from './frequency-cap-settings.ts';

const load = (value: string) => loadNotificationSettings({ PARLEY_FREQUENCY_CAPS: value }).frequencyCaps;

describe('PARLEY_FREQUENCY_CAPS', () => {
  it('defaults to the seed’s example: promotional at most 3 a week, the other types uncapped', () => {
    expect(loadNotificationSettings({}).frequencyCaps).toEqual({ promotional: [{ max: 3, windowHours: 168 }] });
    expect(DEFAULT_FREQUENCY_CAPS.transactional).toBeUndefined();
    expect(DEFAULT_FREQUENCY_CAPS.systemAlert).toBeUndefined();
  });

  it('replaces the caps of the types it names and keeps the defaults of the others', () => {
    expect(load('{"systemAlert":[{"max":10,"windowHours":24}]}')).toEqual({ promotional: [{ max: 3, windowHours: 168 }], systemAlert: [{ max: 10, windowHours: 24 }] });
    expect(load('{"promotional":[{"max":1,"windowHours":24},{"max":5,"windowHours":720}]}')).toEqual({
      promotional: [
        { max: 1, windowHours: 24 },
        { max: 5, windowHours: 720 },
      ],
    });
  });

  it('lifts a cap with an empty list', () => {
    expect(load('{"promotional":[]}')).toEqual({ promotional: [] });
  });

  it('reads a file given as @path like the other JSON settings', () => {
    expect(() => load('@/nonexistent/caps.json')).toThrow(/PARLEY_FREQUENCY_CAPS: cannot read \/nonexistent\/caps.json/);
  });

  it.each([
    ['not json', /PARLEY_FREQUENCY_CAPS: is not valid JSON/],
    ['[1,2]', /must be an object of notification type → list of caps/],
    ['{"marketing":[]}', /unknown type "marketing"; types are transactional, promotional, systemAlert/],
    ['{"promotional":{"max":3,"windowHours":168}}', /promotional must be a list of caps/],
    ['{"promotional":[3]}', /promotional\[0\] must be an object/],
    ['{"promotional":[{"max":0,"windowHours":168}]}', /promotional\[0\]\.max must be a whole number from 1 to 10000/],
    ['{"promotional":[{"max":2.5,"windowHours":168}]}', /promotional\[0\]\.max must be a whole number/],
    ['{"promotional":[{"windowHours":168}]}', /promotional\[0\]\.max must be a whole number/],
    ['{"promotional":[{"max":3,"windowHours":0}]}', /promotional\[0\]\.windowHours must be a whole number of hours from 1 to 8784/],
    ['{"promotional":[{"max":3,"windowHours":9000}]}', /windowHours must be a whole number of hours from 1 to 8784/],
    ['{"promotional":[{"max":3,"windowHours":"168"}]}', /windowHours must be a whole number/],
    ['{"promotional":[{"max":3,"windowHours":168,"perChannel":true}]}', /promotional\[0\]: unknown field "perChannel"; a cap has max and windowHours/],
    ['{"promotional":[{"max":3,"windowHours":168},{"max":5,"windowHours":168}]}', /promotional\[1\]: promotional has two caps over 168 hours; keep one/],
  ])('refuses %s with a sentence naming the setting', (value, message) => {
    expect(() => load(value)).toThrow(message);
  });

  it('parses an already-read value (undefined: the defaults)', () => {
    expect(parseFrequencyCaps(undefined)).toEqual(DEFAULT_FREQUENCY_CAPS);
    expect(parseFrequencyCaps(undefined)).not.toBe(DEFAULT_FREQUENCY_CAPS);
  });

  it('describes a cap in words for the delivery history', () => {
    expect(describeCap('promotional', { max: 3, windowHours: 168 })).toBe('3 promotional notifications in 7 days');
    expect(describeCap('systemAlert', { max: 1, windowHours: 24 })).toBe('1 systemAlert notification in 24 hours');
    expect(describeCap('promotional', { max: 2, windowHours: 36 })).toBe('2 promotional notifications in 36 hours');
  });
});
