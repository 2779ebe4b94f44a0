/**
 * How many SMS segments (billed message parts) a text takes, as carriers count them
 * (3GPP TS 23.038 / 23.040).
 *
 * A text that fits the GSM 03.38 default alphabet is sent as GSM-7: 160 septets in one segment;
 * a longer one is split into segments of 153 septets (7 go to the concatenation header). An
 * extension-table character costs two septets (escape + character) and its pair is never split.
 * Anything else is sent as UCS-2: 70 UTF-16 code units in one segment, otherwise 67 per segment,
 * never splitting a surrogate pair.
 *
 * Empty text counts as one segment of 0 units: sending it still costs one message.
 */

export interface SegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

/** The GSM 03.38 basic character set, in code order (0x1B, the escape to the extension table, left out). */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ' +
  ' !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: each is sent as ESC + character, two septets. */
const GSM_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

const GSM_SINGLE = 160;
const GSM_MULTI = 153;
const UCS2_SINGLE = 70;
const UCS2_MULTI = 67;

/** Septets for one character, or undefined when it is outside GSM-7. */
function septets(char: string): number | undefined {
  if (basic.has(char)) return 1;
  if (extension.has(char)) return 2;
  return undefined;
}

export function countSegments(text: string): SegmentCount {
  // Iterating a string yields code points, so a surrogate pair arrives as one 2-unit character.
  const chars = [...text];
  const gsm = chars.map(septets);
  if (gsm.every((n) => n !== undefined)) {
    return { encoding: 'GSM-7', ...pack(gsm as number[], GSM_SINGLE, GSM_MULTI) };
  }
  return { encoding: 'UCS-2', ...pack(chars.map((c) => c.length), UCS2_SINGLE, UCS2_MULTI) };
}

/**
 * Packs indivisible characters of the given sizes: one segment when the total fits `single`,
 * otherwise segments of at most `multi` units, a character that does not fit starting the next.
 */
function pack(sizes: number[], single: number, multi: number): { units: number; segments: number } {
  const units = sizes.reduce((sum, n) => sum + n, 0);
  if (units <= single) return { units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > multi) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { units, segments };
}
