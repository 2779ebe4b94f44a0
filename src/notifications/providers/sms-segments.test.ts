import { describe, expect, it } from 'vitest';
import { countSegments } from './sms-segments.ts';

const a = (n: number) => 'a'.repeat(n);
/** Cyrillic: one UTF-16 unit each, outside GSM-7. */
const ya = (n: number) => 'я'.repeat(n);
/** One emoji: a surrogate pair, two UTF-16 units. */
const EMOJI = '😀';

describe('countSegments', () => {
  it('counts empty text as one GSM-7 segment of no units (a sent message is billed once)', () => {
    expect(countSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 1 });
  });

  it('keeps the whole GSM 03.38 basic set in GSM-7 at one septet each', () => {
    const basic =
      '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
    expect(countSegments(basic)).toEqual({ encoding: 'GSM-7', units: 127, segments: 1 });
  });

  it('counts each extension character as two septets', () => {
    expect(countSegments('^{}\\[~]|€\f')).toEqual({ encoding: 'GSM-7', units: 20, segments: 1 });
    expect(countSegments('Price: 5€')).toEqual({ encoding: 'GSM-7', units: 10, segments: 1 });
  });

  it('switches the whole text to UCS-2 for one character outside GSM-7', () => {
    for (const char of ['ç', '`', '“', 'я', 'á', EMOJI]) {
      expect(countSegments(`${a(10)}${char}`).encoding, char).toBe('UCS-2');
    }
    expect(countSegments(`${a(69)}“`)).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments(`${a(70)}“`)).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  describe('GSM-7 boundaries', () => {
    it('fits 160 septets in one segment and splits 161 into two', () => {
      expect(countSegments(a(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
      expect(countSegments(a(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    });

    it('puts 153 septets in each part of a long message', () => {
      expect(countSegments(a(306)).segments).toBe(2);
      expect(countSegments(a(307)).segments).toBe(3);
      expect(countSegments(a(459)).segments).toBe(3);
      expect(countSegments(a(460)).segments).toBe(4);
    });

    it('counts extension characters against the 160 limit', () => {
      expect(countSegments(`${a(158)}€`)).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
      expect(countSegments(`${a(159)}€`)).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    });

    it('never splits an escape pair across segments', () => {
      // 152 + 2 + 152 = 306 septets, which would be exactly two parts if the pair could be split;
      // the € moves whole to the second part, which then overflows into a third.
      expect(countSegments(`${a(152)}€${a(152)}`)).toEqual({ encoding: 'GSM-7', units: 306, segments: 3 });
      // The same pair one septet earlier fits exactly.
      expect(countSegments(`${a(151)}€${a(153)}`)).toEqual({ encoding: 'GSM-7', units: 306, segments: 2 });
    });
  });

  describe('UCS-2 boundaries', () => {
    it('fits 70 units in one segment and splits 71 into two', () => {
      expect(countSegments(ya(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
      expect(countSegments(ya(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
    });

    it('puts 67 units in each part of a long message', () => {
      expect(countSegments(ya(134)).segments).toBe(2);
      expect(countSegments(ya(135)).segments).toBe(3);
    });

    it('counts an emoji as two units', () => {
      expect(countSegments(EMOJI.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
      expect(countSegments(EMOJI.repeat(36))).toEqual({ encoding: 'UCS-2', units: 72, segments: 2 });
      expect(countSegments(`${ya(68)}${EMOJI}`)).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    });

    it('never splits a surrogate pair across segments', () => {
      // 66 + 2 + 66 = 134 units: two parts if the pair could be split, three since it cannot.
      expect(countSegments(`${ya(66)}${EMOJI}${ya(66)}`)).toEqual({ encoding: 'UCS-2', units: 134, segments: 3 });
      expect(countSegments(`${ya(65)}${EMOJI}${ya(67)}`)).toEqual({ encoding: 'UCS-2', units: 134, segments: 2 });
      // 33 emoji (66 units) per part: 67 emoji take three parts.
      expect(countSegments(EMOJI.repeat(67)).segments).toBe(3);
      expect(countSegments(EMOJI.repeat(66)).segments).toBe(2);
    });
  });
});
