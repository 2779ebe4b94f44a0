import { describe, expect, it } from 'vitest';
import { LinkSigner } from '../../crypto/signed-links.ts';
import { pageLanguage } from './page-html.ts';
import { type LinkedDelivery, createRecipientLinks } from './recipient-links.ts';

const signer = new LinkSigner(`k1:${Buffer.alloc(32, 3).toString('base64')}`, 'https://parley.shop.example');
const row = (over: Partial<LinkedDelivery> = {}): LinkedDelivery => ({
  user_id: 'buyer-1',
  notification_type: 'promotional',
  channel: 'email',
  metadata: null,
  content: { kind: 'literal' },
  ...over,
});

describe('recipient links', () => {
  it('puts List-Unsubscribe on promotional email only, unless transactional mail is configured to carry it too', () => {
    const links = createRecipientLinks({ links: signer, settings: { transactional: false } });
    const headers = links.emailHeaders(row())!;
    expect(headers['List-Unsubscribe']).toMatch(/^<https:\/\/parley\.shop\.example\/u\/[^>]+>$/);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(links.emailHeaders(row({ notification_type: 'transactional' }))).toBeUndefined();
    expect(links.emailHeaders(row({ notification_type: 'systemAlert' }))).toBeUndefined();
    expect(links.emailHeaders(row({ channel: 'sms' }))).toBeUndefined();

    const all = createRecipientLinks({ links: signer, settings: { transactional: true, mailto: 'unsubscribe@shop.example' } });
    expect(all.emailHeaders(row({ notification_type: 'transactional' }))!['List-Unsubscribe']).toMatch(/, <mailto:unsubscribe@shop\.example\?subject=unsubscribe>$/);
  });

  it('signs who, what and from which vendor, and reads back only what it signed for the purpose', () => {
    const links = createRecipientLinks({ links: signer, settings: { transactional: false } });
    const vars = links.variables(row({ metadata: { vendorId: 'vendor-4' }, content: { kind: 'template', locale: 'de-AT' } }));
    const unsubscribe = vars.unsubscribe_url.split('/u/')[1]!;
    const preferences = vars.preferences_url.split('/preferences/page/')[1]!;
    expect(links.readUnsubscribe(unsubscribe)).toEqual({ userId: 'buyer-1', type: 'promotional', channel: 'email', vendorId: 'vendor-4' });
    expect(links.readPreferences(preferences)).toEqual({ userId: 'buyer-1', locale: 'de-AT', vendorId: 'vendor-4' });
    // Not interchangeable, and a form nonce is not a page link.
    expect(links.readUnsubscribe(preferences)).toBeUndefined();
    expect(links.readPreferences(unsubscribe)).toBeUndefined();
    const nonce = links.formNonce('buyer-1');
    expect(links.readPreferences(nonce)).toBeUndefined();
    expect(links.checkNonce(nonce, 'buyer-1')).toBe(true);
    expect(links.checkNonce(nonce, 'buyer-2')).toBe(false);
    expect(links.checkNonce(preferences, 'buyer-1')).toBe(false);
  });

  it('speaks the link locale, else the best language the browser accepts, else English', () => {
    expect(pageLanguage('de-AT', 'en')).toBe('de');
    expect(pageLanguage('fr', 'fr-CH, de;q=0.8, en;q=0.5')).toBe('de');
    expect(pageLanguage(undefined, 'en;q=0.4, de-DE;q=0.9')).toBe('de');
    expect(pageLanguage(undefined, 'de;q=0, fr')).toBe('en');
    expect(pageLanguage(undefined, undefined)).toBe('en');
  });
});
