import { describe, expect, it } from 'vitest';
import { rankReplies, type ReplyCandidate, stem, words } from './reply-ranking.ts';

function reply(id: string, content: string, extra: Partial<ReplyCandidate> = {}): ReplyCandidate {
  return { kind: 'quick_reply', id, content, triggers: [], usageCount: 0, ...extra };
}

const ids = (ranked: { id: string }[]) => ranked.map((r) => r.id);

describe('words and stem', () => {
  it('lower-cases, drops accents and punctuation', () => {
    expect(words('Où est mon COLIS? Don’t know!')).toEqual(['ou', 'est', 'mon', 'colis', 'dont', 'know']);
  });

  it.each([
    ['packages', 'package'],
    ['boxes', 'box'],
    ['deliveries', 'delivery'],
    ['shipping', 'ship'],
    ['shipped', 'ship'],
    ['tracking', 'track'],
    ['status', 'status'],
    ['address', 'address'],
    ['need', 'need'],
  ])('stems %s to %s', (word, stemmed) => {
    expect(stem(word)).toBe(stemmed);
  });
});

describe('rankReplies', () => {
  const tracking = reply('tracking', 'Here is your tracking link.', { triggers: ['tracking'] });
  const refund = reply('refund', 'Refunds take 3 to 5 business days.', { triggers: ['refund', 'money back'] });
  const hours = reply('hours', 'We answer messages from 9 to 5, Monday to Friday.');

  it('puts the reply whose trigger is in the message first, with the trigger as its reason', () => {
    const ranked = rankReplies('Where is my package? Do you have a tracking number?', [refund, hours, tracking], 5);
    expect(ids(ranked)[0]).toBe('tracking');
    expect(ranked[0]!.reasons).toContain('trigger:tracking');
    expect(ids(ranked)).not.toContain('refund');
  });

  it('matches triggers as whole words, whatever the case and accents', () => {
    const cafe = reply('cafe', 'Our café blend ships roasted.', { triggers: ['Café'] });
    expect(ids(rankReplies('Is the CAFE blend in stock?', [cafe], 5))).toEqual(['cafe']);
    expect(rankReplies('Is the cafeteria open?', [reply('c2', 'x', { triggers: ['cafe'] })], 5)).toEqual([]);
  });

  it('matches a trigger of several words only as a phrase, plurals included', () => {
    expect(ids(rankReplies('Can I get my money back?', [refund], 5))).toEqual(['refund']);
    const apart = rankReplies('Money is not the issue, send it back', [reply('r', 'x', { triggers: ['money back'] })], 5);
    expect(apart.flatMap((r) => r.reasons)).not.toContain('trigger:money back');
    expect(ids(rankReplies('I want refunds for both', [refund], 5))).toEqual(['refund']);
  });

  it('suggests a reply with similar words without any trigger', () => {
    const ranked = rankReplies('When do you answer messages?', [hours, refund], 5);
    expect(ids(ranked)).toEqual(['hours']);
    expect(ranked[0]!.reasons).toEqual(['similar']);
  });

  it('leaves out replies with no trigger and almost nothing in common', () => {
    expect(rankReplies('Do you ship to Canada?', [refund, hours], 5)).toEqual([]);
  });

  it('lets past use break a tie but not outrank a better match', () => {
    const a = reply('a', 'Your parcel left today.', { triggers: ['parcel'] });
    const b = reply('b', 'Your parcel left today.', { triggers: ['parcel'], usageCount: 40 });
    const popularButUnrelated = reply('c', 'Returns are free within 30 days.', { triggers: ['return'], usageCount: 100_000 });
    const ranked = rankReplies('Has my parcel left? I might return it.', [a, popularButUnrelated, b], 5);
    expect(ids(ranked).indexOf('b')).toBeLessThan(ids(ranked).indexOf('a'));
    expect(ranked.find((r) => r.id === 'b')!.reasons).toContain('popular');
    const parcel = rankReplies('Where is my parcel?', [a, popularButUnrelated], 5);
    expect(ids(parcel)).toEqual(['a']);
  });

  it('returns at most the limit, best first, with scores that go down', () => {
    const many = Array.from({ length: 8 }, (_, i) => reply(`r${i}`, `Tracking update number ${i}.`, { triggers: i % 2 ? ['tracking'] : [] }));
    const ranked = rankReplies('Any tracking update?', many, 3);
    expect(ranked).toHaveLength(3);
    expect(ranked.every((r) => r.reasons.includes('trigger:tracking'))).toBe(true);
    expect([...ranked].sort((x, y) => y.score - x.score)).toEqual(ranked);
  });

  it('carries the shortcut of a template', () => {
    const template = reply('t', 'Your order shipped with DHL.', { kind: 'template', shortcut: 'Ctrl+1', about: 'Shipped' });
    expect(rankReplies('Has my order shipped?', [template], 5)[0]).toMatchObject({ kind: 'template', id: 't', shortcut: 'Ctrl+1' });
  });
});
