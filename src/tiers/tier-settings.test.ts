import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { DEFAULT_TIER_LIMITS, loadTierSettings } from './tier-settings.ts';

describe('tier settings', () => {
  it("are the specification's table unless PARLEY_TIERS says otherwise", () => {
    const settings = loadTierSettings({});
    expect(settings.limits).toEqual(DEFAULT_TIER_LIMITS);
    expect(settings.limits.basic).toEqual({ email: 1000, sms: 100, bulk: 0 });
    expect(settings.limits.standard).toEqual({ email: 10000, sms: 1000, bulk: 5000 });
    expect(settings.limits.premium).toEqual({ email: 100000, sms: 10000, bulk: 50000 });
    expect(settings.defaultTier).toBe('basic');
    expect(settings.configured).toEqual([]);
  });

  it('take PARLEY_TIERS over the table, kind by kind, and PARLEY_DEFAULT_TIER', () => {
    const settings = loadTierSettings({ PARLEY_TIERS: '{"standard":{"email":20000},"enterprise":{"email":1000000,"sms":null}}', PARLEY_DEFAULT_TIER: 'Standard' });
    expect(settings.limits.standard).toEqual({ email: 20000, sms: 1000, bulk: 5000 });
    expect(settings.limits.enterprise).toEqual({ email: 1000000, sms: null, bulk: null });
    expect(settings.configured).toEqual(['standard', 'enterprise']);
    expect(settings.defaultTier).toBe('standard');
  });

  it.each([
    ['{not json', /PARLEY_TIERS: is not JSON/],
    ['[1,2]', /PARLEY_TIERS: must be a JSON object by tier/],
    ['{"gold":{"email":5}}', /tier "gold", which does not exist/],
    ['{"basic":5}', /basic: give an object of limits by kind/],
    ['{"basic":{"push":5}}', /"push" is not a kind of send/],
    ['{"basic":{"email":-1}}', /basic\.email: a limit is a whole number from 0/],
    ['{"basic":{"sms":1.5}}', /basic\.sms: a limit is a whole number/],
  ])('refuses PARLEY_TIERS=%s with a clear error, at start-up', (value, message) => {
    expect(() => loadConfig({ PARLEY_API_KEYS: 'k'.repeat(20), PARLEY_DATA_DIR: '/tmp/parley-tiers-config', PARLEY_TIERS: value, PARLEY_ENCRYPTION_KEY: 'k1:' + Buffer.alloc(32).toString('base64') })).toThrow(message);
  });

  it('refuses an unknown PARLEY_DEFAULT_TIER', () => {
    expect(() => loadTierSettings({ PARLEY_DEFAULT_TIER: 'gold' })).toThrow(/PARLEY_DEFAULT_TIER: "gold" is not a tier: use one of basic, standard, premium, enterprise/);
  });
});
