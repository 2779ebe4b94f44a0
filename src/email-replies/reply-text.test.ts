import { describe, expect, it } from 'vitest';
import { replyText } from './reply-text.ts';

describe('replyText', () => {
  it('keeps the new text of a Gmail reply, without the attribution and the quote', () => {
    const gmail = [
      'Yes, gift wrapping please!',
      '',
      'Thanks',
      '',
      'On Mon, Dec 7, 2026 at 9:12 AM Parley <notifications@shop.example> wrote:',
      '',
      '> Mugs & Co: Do you want gift wrapping?',
      '>',
      '> Open the conversation: https://shop.example/app/c/1',
      '',
    ].join('\r\n');
    expect(replyText(gmail)).toBe('Yes, gift wrapping please!\n\nThanks');
  });

  it('recognises an attribution Gmail wrapped over two lines', () => {
    const wrapped = 'Tuesday works.\n\nOn Mon, 7 Dec 2026 at 09:12, Parley <\nreply+0123456789abcdef0123@reply.shop.example> wrote:\n> When can you pick it up?\n';
    expect(replyText(wrapped)).toBe('Tuesday works.');
  });

  it('cuts an Outlook reply at "-----Original Message-----"', () => {
    const outlook = 'I will be home after 6.\r\n\r\n-----Original Message-----\r\nFrom: Parley <notifications@shop.example>\r\nSent: Monday, December 7, 2026 9:12 AM\r\nTo: Ana <ana@example.com>\r\nSubject: Unread message about order 1042\r\n\r\nMugs & Co: When should we deliver?';
    expect(replyText(outlook)).toBe('I will be home after 6.');
  });

  it('cuts an Outlook (web and mobile) reply at its From:/Sent:/To: header block or underscore line', () => {
    const block = 'Sounds good.\n\nFrom: Parley <notifications@shop.example>\nSent: Monday, December 7, 2026 09:12\nTo: ana@example.com\nSubject: Unread message\n\nMugs & Co: ready?';
    expect(replyText(block)).toBe('Sounds good.');
    const underscores = 'Sounds good.\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n________________________________\nFrom: Parley <notifications@shop.example>\nSent: Monday\n';
    expect(replyText(underscores)).toBe('Sounds good.');
  });

  it('cuts an Apple Mail reply and its "Sent from my iPhone"', () => {
    const apple = 'See you tomorrow\n\nSent from my iPhone\n\n> On 7 Dec 2026, at 09:12, Parley <notifications@shop.example> wrote:\n> \n> Mugs & Co: See you?\n';
    expect(replyText(apple)).toBe('See you tomorrow');
    const desktop = 'See you tomorrow\n\n> On 7 Dec 2026, at 09:12, Parley <notifications@shop.example> wrote:\n> \n> Mugs & Co: See you?';
    expect(replyText(desktop)).toBe('See you tomorrow');
  });

  it('drops a signature after the "-- " delimiter', () => {
    expect(replyText('Paid just now.\n\n-- \nAna Lopez\nLopez Imports Ltd\n+34 600 000 000')).toBe('Paid just now.');
  });

  it('keeps what the person wrote between quoted lines, and lines that only mention From:', () => {
    const inline = '> Is Tuesday fine?\nYes\n> Morning or afternoon?\nMorning';
    expect(replyText(inline)).toBe('Yes\nMorning');
    expect(replyText('From: the shop window I saw a blue one.\nIs it still there?')).toBe('From: the shop window I saw a blue one.\nIs it still there?');
  });

  it('handles a German client and leaves nothing when only a quote was sent', () => {
    expect(replyText('Danke!\n\nAm 07.12.2026 um 09:12 schrieb Parley <notifications@shop.example>:\n> Hallo')).toBe('Danke!');
    expect(replyText('On Mon, Dec 7, 2026 at 9:12 AM Parley wrote:\n> Hello')).toBe('');
  });
});
