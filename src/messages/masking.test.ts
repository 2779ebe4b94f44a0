import { describe, expect, it } from 'vitest';
import { countContactDetails, maskContactDetails } from './masking.ts';

const rules = { linkAllowlist: ['shop.example'], phoneRegion: 'US' };
const mask = (text: string) => maskContactDetails(text, rules);

describe('maskContactDetails', () => {
  it.each([
    ['Call me at +1 415 555 2671 tonight', 'Call me at [phone number hidden] tonight'],
    ['my cell: (415) 555-2671.', 'my cell: [phone number hidden].'],
    ['UK: +44 20 7946 0958', 'UK: [phone number hidden]'],
    ['text 4155552671 please', 'text [phone number hidden] please'],
  ])('hides the phone number in %j', (text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it.each([
    ['call five five five one two three four', 'call [phone number hidden]'],
    ['it is four one five, five five five, two six seven one', 'it is [phone number hidden]'],
    ['digits: 4 1 5 5 5 5 2 6 7 1 ok', 'digits: [phone number hidden] ok'],
    ['06 12 34 56 78 is my number', '[phone number hidden] is my number'],
    ['415-five five five-2671', '[phone number hidden]'],
  ])('hides spelled-out and spaced-out digits in %j', (text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it.each([
    ['write to ann.smith+shop@mail.example.com!', 'write to [email hidden]!'],
    ['ann (at) mail (dot) com', '[email hidden]'],
    ['ann[at]mail.com', '[email hidden]'],
    ['ann at mail dot com', '[email hidden]'],
  ])('hides the email address in %j', (text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it.each([
    ['see https://cheaper.example.net/item?id=3.', 'see [link hidden].'],
    ['or www.cheaper.com/x', 'or [link hidden]'],
    ['my store: bestdeals.shop', 'my store: [link hidden]'],
  ])('hides the link in %j', (text, expected) => {
    expect(mask(text)).toBe(expected);
  });

  it('leaves links to allowed hosts and their subdomains', () => {
    const text = 'Size chart: https://shop.example/sizes and https://help.shop.example/returns';
    expect(mask(text)).toBe(text);
    expect(mask('https://shop.example.evil.com/x')).toBe('[link hidden]');
  });

  it.each([
    'Tracking number: 1Z999AA10123456784',
    'Order 1042 ships on 2026-11-30 at 10:30',
    'I ordered 2 mugs and 3 plates for 45.90 EUR',
    'One of them arrived broken, the other two are fine',
    'Oh, thanks! Node.js and file.pdf are not links',
    'It costs 1,299.00 dollars',
  ])('leaves ordinary text alone: %j', (text) => {
    expect(mask(text)).toBe(text);
    expect(countContactDetails(text, rules)).toBeNull();
  });

  it('counts each kind', () => {
    expect(countContactDetails('mail ann@mail.com or call +1 415 555 2671, or see www.x.com', rules)).toEqual({ phone: 1, email: 1, link: 1 });
  });

  it('assumes the configured region for numbers without a country code', () => {
    expect(maskContactDetails('appelle 01 42 68 53 00', { linkAllowlist: [], phoneRegion: 'FR' })).toBe('appelle [phone number hidden]');
  });
});
