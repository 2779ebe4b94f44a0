import { describe, expect, it } from 'vitest';
import { ConfigError } from '../env.ts';
import { DEFAULT_RETRY_SECONDS, loadWebhookSettings, nextAttemptAt } from './webhook-settings.ts';

describe('webhook settings', () => {
  it('default to the schedule of about a day, a day before disabling, and public addresses only', () => {
    const s = loadWebhookSettings({});
    expect(s.retrySeconds).toEqual([5, 300, 1800, 7200, 18000, 36000]);
    expect(DEFAULT_RETRY_SECONDS.reduce((a, b) => a + b, 0) / 3600).toBeCloseTo(17.6, 1);
    expect(s).toMatchObject({ disableAfterSeconds: 86_400, allowHosts: [], timeoutMs: 10_000, maxResponseBytes: 65_536, rotationOverlapSeconds: 86_400, logDays: 30 });
  });

  it('read the allowed hosts and the schedule, and refuse what they cannot use', () => {
    expect(loadWebhookSettings({ PARLEY_WEBHOOK_ALLOW_HOSTS: 'crm.internal, 10.20.0.0/16,::1', PARLEY_WEBHOOK_RETRY_SECONDS: '1,2' })).toMatchObject({ allowHosts: ['crm.internal', '10.20.0.0/16', '::1'], retrySeconds: [1, 2] });
    for (const [name, value] of [
      ['PARLEY_WEBHOOK_ALLOW_HOSTS', '10.0.0.0/40'],
      ['PARLEY_WEBHOOK_ALLOW_HOSTS', 'crm.internal/8'],
      ['PARLEY_WEBHOOK_RETRY_SECONDS', '5,soon'],
      ['PARLEY_WEBHOOK_RETRY_SECONDS', '0'],
      ['PARLEY_WEBHOOK_DISABLE_AFTER_SECONDS', '0'],
      ['PARLEY_WEBHOOK_TIMEOUT_MS', '10'],
    ]) {
      expect(() => loadWebhookSettings({ [name!]: value }), `${name}=${value}`).toThrow(ConfigError);
    }
  });

  it('schedule the next attempt by the failed attempts so far, honouring a longer Retry-After up to a day, and stop after the last step', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(nextAttemptAt(1, DEFAULT_RETRY_SECONDS, undefined, now)?.toISOString()).toBe('2026-12-06T12:00:05.000Z');
    expect(nextAttemptAt(2, DEFAULT_RETRY_SECONDS, undefined, now)?.toISOString()).toBe('2026-12-06T12:05:00.000Z');
    expect(nextAttemptAt(6, DEFAULT_RETRY_SECONDS, undefined, now)?.toISOString()).toBe('2026-12-06T22:00:00.000Z');
    expect(nextAttemptAt(7, DEFAULT_RETRY_SECONDS, undefined, now)).toBeNull();
    expect(nextAttemptAt(1, DEFAULT_RETRY_SECONDS, 120_000, now)?.toISOString()).toBe('2026-12-06T12:02:00.000Z');
    expect(nextAttemptAt(2, DEFAULT_RETRY_SECONDS, 1_000, now)?.toISOString()).toBe('2026-12-06T12:05:00.000Z');
    expect(nextAttemptAt(1, DEFAULT_RETRY_SECONDS, 7 * 86_400_000, now)?.toISOString()).toBe('2026-12-07T12:00:00.000Z');
  });
});
