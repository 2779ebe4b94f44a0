import { describe, expect, it } from 'vitest';
import { parseCampaignContent, renderData, renderMessage } from './campaign-content.ts';

const channels = [
  { channel: 'email' as const, templates: [{ locale: 'en', content: { subject: 'Hi {{ customer.firstName }}', text: 'Sale at {{ vendor.id }}.' } }, { locale: 'de', content: { subject: 'Hallo {{ customer.firstName }}', text: 'Angebot.' } }] },
];

describe('campaign content', () => {
  it("picks the recipient's locale, then their language, then the first template; a variant's own templates first", async () => {
    const content = parseCampaignContent({ channels, variants: [{ name: 'B', percent: 50, channels: [{ channel: 'email', templates: [{ locale: 'en', content: { subject: 'Last days', text: 'Ends Sunday.' } }] }] }, { name: 'A', percent: 50 }] });
    const data = renderData({ name: 'Ana Lima', locale: 'de-AT' }, 'shop-1', { id: 'c1', name: 'Spring' });
    expect(await renderMessage(content.pick(null, 'email', 'de-AT')!, 'email', data)).toEqual({ message: { subject: 'Hallo Ana', body: 'Angebot.' } });
    expect(await renderMessage(content.pick(null, 'email', 'fr')!, 'email', data)).toEqual({ message: { subject: 'Hi Ana', body: 'Sale at shop-1.' } });
    expect(await renderMessage(content.pick('B', 'email', 'de')!, 'email', data)).toEqual({ message: { subject: 'Last days', body: 'Ends Sunday.' } });
  });

  it('reports a recipient the template cannot be rendered for (a variable they have no value for)', async () => {
    const content = parseCampaignContent({ channels });
    const made = await renderMessage(content.pick(null, 'email', null)!, 'email', renderData({ name: null, locale: null }, 'shop-1', { id: 'c1', name: 'Spring' }));
    expect(made).toEqual({ problem: expect.stringMatching(/^render_failed: subject: .*firstName/) });
  });

  it('refuses a template that does not parse or lacks a field, naming it', () => {
    expect(() => parseCampaignContent({ channels: [{ channel: 'sms', templates: [{ locale: 'en', content: { text: 'Hi {{ customer.name ' } }] }] })).toThrow(expect.objectContaining({ code: 'invalid_template', status: 422 }));
    expect(() => parseCampaignContent({ channels: [{ channel: 'push', templates: [{ locale: 'en', content: { title: 'Hi' } }] }] })).toThrow(expect.objectContaining({ code: 'invalid_template', details: { field: 'channels/0/templates/0' } }));
  });
});
