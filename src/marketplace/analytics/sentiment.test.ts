import { describe, expect, it } from 'vitest';
import { averageComparative, isStronglyNegative, negativity, scoreMessage, turnsNegative } from './sentiment.ts';

const scored = (...texts: string[]) => texts.map(scoreMessage);

describe('scoreMessage', () => {
  it('scores with AFINN and per word, rounded to three decimals', () => {
    expect(scoreMessage('Thanks, great seller!')).toEqual({ score: 5, comparative: 1.667 });
    expect(scoreMessage('Hi, is this still available?')).toEqual({ score: 0, comparative: 0 });
    expect(scoreMessage('')).toEqual({ score: 0, comparative: 0 });
  });

  it('reads politeness and everyday order talk as neutral, and fraud accusations as strong', () => {
    expect(scoreMessage('The parcel was delayed a bit, no problem').score).toBe(0);
    expect(scoreMessage('Sorry to bother you, the size is wrong, can I exchange it?').score).toBe(-2);
    expect(scoreMessage('no good').score).toBeLessThan(0);
    expect(scoreMessage('This is a scam').score).toBe(-4);
  });
});

describe('turnsNegative', () => {
  it('flags one strongly negative message', () => {
    const scam = scoreMessage('This is a scam, worst seller ever, I want my money back');
    expect(isStronglyNegative(scam)).toBe(true);
    expect(turnsNegative([scam])).toBe(true);
    expect(turnsNegative(scored('Hi, is this still available?', 'Fraud! You stole my money'))).toBe(true);
  });

  it('flags a run of unhappy messages', () => {
    const run = scored('Still no reply. This is really disappointing.', 'I am very unhappy with this order.', 'Nobody answers, this is frustrating');
    expect(run.every((m) => !isStronglyNegative(m))).toBe(true);
    expect(averageComparative(run)).toBeLessThanOrEqual(negativity.averageAtMost);
    expect(turnsNegative(run)).toBe(true);
    expect(turnsNegative(scored('This is unacceptable, I am very disappointed.', 'Where is my order? I\'m getting worried.'))).toBe(true);
  });

  it('does not flag ordinary complaints, alone or in a row', () => {
    expect(turnsNegative(scored('the box was a bit dented but fine'))).toBe(false);
    expect(turnsNegative(scored('The item arrived damaged, I\'m disappointed but I\'d like a replacement please'))).toBe(false);
    expect(turnsNegative(scored('Item is damaged. Not happy.'))).toBe(false);
    expect(
      turnsNegative(scored('Sorry to bother you, the size is wrong, can I exchange it?', 'The parcel was delayed a bit, no problem', 'the box was a bit dented but fine')),
    ).toBe(false);
    expect(turnsNegative(scored('My parcel seems lost, can you check the tracking?', 'The item is missing a screw, can you send one?'))).toBe(false);
  });

  it('needs two negative messages for a run, and the latest one negative', () => {
    expect(turnsNegative(scored('I am very unhappy with this order.'))).toBe(false);
    expect(turnsNegative(scored('Hi, is this still available?', 'Nobody answers, this is frustrating'))).toBe(false);
    const unhappy = scored('This is unacceptable, I am very disappointed.', 'Nobody answers, this is frustrating');
    expect(turnsNegative(unhappy)).toBe(true);
    expect(turnsNegative([...unhappy, scoreMessage('Oh it arrived, thanks, great!')])).toBe(false);
    expect(turnsNegative([])).toBe(false);
  });

  it('looks only at the latest messages of the window', () => {
    const old = scored('This is unacceptable, I am very disappointed.', 'Nobody answers, this is frustrating');
    const calm = scored('Thanks, great seller!', 'Perfect, thank you', 'Could you send the tracking number?');
    expect(turnsNegative([...old, ...calm, scoreMessage('The item arrived broken')])).toBe(false);
  });
});
