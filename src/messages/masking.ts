import { type CountryCode, findPhoneNumbersInText } from 'libphonenumber-js';

/** The roles whose received messages can be masked. */
export const MASKABLE_ROLES = ['buyer', 'seller', 'moderator'] as const;
export type MaskableRole = (typeof MASKABLE_ROLES)[number];

export interface MaskingSettings {
  /** Participants in these roles see other users' contact details masked; empty: masking is off. */
  roles: MaskableRole[];
  /** Link hosts left visible (a host or any subdomain of it). */
  linkAllowlist: string[];
  /** Where phone numbers without a country code are assumed to be (ISO 3166 alpha-2). */
  phoneRegion: string;
}

/**
 * Contact-detail masking: phone numbers, email addresses and links outside an allowlist are
 * found in a message so that other participants can be shown the message without them (a
 * marketplace keeps its buyers and sellers from taking a sale elsewhere). Finding is done once
 * when a message is written (the counts are stored); masking is applied when it is shown.
 */

export type ContactKind = 'phone' | 'email' | 'link';
export type ContactCounts = Record<ContactKind, number>;

export interface MaskingRules {
  /** Link hosts left visible: the host itself or any subdomain of it. */
  linkAllowlist: string[];
  /** Country assumed for numbers written without a country code. */
  phoneRegion: string;
}

interface Span {
  start: number;
  end: number;
  kind: ContactKind;
}

const replacement: Record<ContactKind, string> = {
  phone: '[phone number hidden]',
  email: '[email hidden]',
  link: '[link hidden]',
};

const DIGIT_WORDS: Record<string, string> = {
  zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
};
const digitWord = Object.keys(DIGIT_WORDS).join('|');

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// "ann (at) mail (dot) com", "ann[at]mail.com", "ann at mail dot com": "at" and "dot" as words.
const AT = String.raw`(?:\s*[([{]\s*at\s*[)\]}]\s*|\s+at\s+)`;
const DOT = String.raw`(?:\s*[([{]\s*dot\s*[)\]}]\s*|\s+dot\s+|\.)`;
const SPELLED_EMAIL = new RegExp(String.raw`[A-Za-z0-9._%+-]+${AT}[A-Za-z0-9-]+(?:${DOT}[A-Za-z0-9-]+)*?(?:\s*[([{]\s*dot\s*[)\]}]\s*|\s+dot\s+)[A-Za-z]{2,6}\b|[A-Za-z0-9._%+-]+\s*[([{]\s*at\s*[)\]}]\s*[A-Za-z0-9-]+(?:${DOT}[A-Za-z0-9-]+)+`, 'gi');

// What every spelled-out address holds: "at", in any case.
const MAY_SPELL_AT = /at/i;

// A link: with a scheme, starting with www., or a bare host under a common top-level domain.
const TLDS = 'com|net|org|io|co|shop|store|me|info|biz|app|link|site|online|ly|gl|to|us|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|pl|pt|ie|ca|au|nz|ru|cn|jp|in|br|mx';
const LINK = new RegExp(String.raw`\b(?:https?:\/\/[^\s<>"']+|www\.[^\s<>"']+|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:${TLDS})\b(?:[/?#][^\s<>"']*)?)`, 'gi');

// Digits written out or spaced out: "five five five, one two three four", "5 5 5 1 2 3 4".
const DIGIT_RUN = new RegExp(String.raw`(?:\b(?:${digitWord})\b|\d+)(?:[\s\-.(),]*(?:\b(?:${digitWord})\b|\d+))*`, 'gi');
const MIN_PHONE_DIGITS = 7;

/** Every contact detail in `text`, in order, without overlaps. */
export function findContactDetails(text: string, rules: MaskingRules): Span[] {
  const spans: Span[] = [];
  // Each search runs only on text that holds what every match of it must hold (every message
  // is searched as it is written; most hold none of these).
  if (text.includes('@')) for (const m of text.matchAll(EMAIL)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'email' });
  if (MAY_SPELL_AT.test(text)) for (const m of text.matchAll(SPELLED_EMAIL)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'email' });
  if (text.includes('.') || text.includes(':')) {
    for (const m of text.matchAll(LINK)) {
      const raw = trimTrailingPunctuation(m[0]);
      if (!isAllowed(raw, rules.linkAllowlist)) spans.push({ start: m.index, end: m.index + raw.length, kind: 'link' });
    }
  }
  if (mayHoldPhoneNumber(text)) spans.push(...phoneNumbers(text, rules.phoneRegion));
  return withoutOverlaps(spans);
}

/** The counts of each kind, or null when the text holds no contact details. */
export function countContactDetails(text: string, rules: MaskingRules): ContactCounts | null {
  const spans = findContactDetails(text, rules);
  if (spans.length === 0) return null;
  const counts: ContactCounts = { phone: 0, email: 0, link: 0 };
  for (const s of spans) counts[s.kind]++;
  return counts;
}

/** The text with each contact detail replaced by a marker such as "[phone number hidden]". */
export function maskContactDetails(text: string, rules: MaskingRules): string {
  const spans = findContactDetails(text, rules);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + replacement[s.kind];
    at = s.end;
  }
  return out + text.slice(at);
}

function trimTrailingPunctuation(link: string): string {
  return link.replace(/[.,;:!?)\]}'"]+$/, '');
}

function isAllowed(link: string, allowlist: string[]): boolean {
  if (allowlist.length === 0) return false;
  let host: string;
  try {
    host = new URL(/^https?:\/\//i.test(link) ? link : `http://${link}`).hostname.toLowerCase();
  } catch {
    return false;
  }
  return allowlist.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

/** Cheap test before the costly search: enough digits, written or spelled out. */
function mayHoldPhoneNumber(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++digits >= MIN_PHONE_DIGITS) return true;
  }
  return /\b(?:zero|one|two|three|four|five|six|seven|eight|nine)\b/i.test(text);
}

// Where a written phone number could be: digits and the separators numbers are written with,
// not glued to letters (a tracking number such as 1Z999AA10123456784 is one word).
const NUMBER_RUN = /(?<![A-Za-z\d])[+(]?\d[\d\s().\-/]*\d\)?(?![A-Za-z])/g;
// No phone number has more than 15 digits (E.164): a longer run is an id of some kind.
const TOO_LONG = /\d{16,}/g;

/**
 * The parts of `text` that libphonenumber should look at: runs of 7 or more digits. Its search
 * is costly (tens of microseconds per call, and more on long digit strings), so it only ever
 * sees these, not the whole message.
 */
function numberRuns(text: string): { start: number; text: string }[] {
  const blanked = text.replace(TOO_LONG, (run) => ' '.repeat(run.length));
  const runs: { start: number; text: string }[] = [];
  for (const m of blanked.matchAll(NUMBER_RUN)) {
    let digits = 0;
    for (const c of m[0]) if (c >= '0' && c <= '9') digits++;
    if (digits >= MIN_PHONE_DIGITS) runs.push({ start: m.index, text: m[0] });
  }
  return runs;
}

function phoneNumbers(text: string, region: string): Span[] {
  const spans: Span[] = numberRuns(text).flatMap((run) =>
    findPhoneNumbersInText(run.text, { defaultCountry: region as CountryCode }).map((found) => ({
      start: run.start + found.startsAt,
      end: run.start + found.endsAt,
      kind: 'phone' as const,
    })),
  );
  for (const m of text.matchAll(DIGIT_RUN)) {
    const tokens = m[0].split(/[\s\-.(),]+/).filter(Boolean);
    let digits = 0;
    let words = 0;
    for (const token of tokens) {
      if (/^\d+$/.test(token)) digits += token.length;
      else {
        digits += 1;
        words++;
      }
    }
    if (digits < MIN_PHONE_DIGITS) continue;
    // Written-out digits count at once; plain digits only when spaced out in short groups
    // ("06 12 34 56 78"), since one long number may be an order or tracking number, and not
    // as a list ("10, 20, 30, 40").
    const spacedOut = tokens.length >= 4 && !m[0].includes(',') && tokens.every((t) => !/^\d+$/.test(t) || t.length <= 4);
    if (words > 0 || spacedOut) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'phone' });
  }
  return spans;
}

function withoutOverlaps(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      continue;
    }
    out.push({ ...s });
  }
  return out;
}
