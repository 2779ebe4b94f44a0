import type { Logger } from 'pino';
import type { ConsentLog } from '../../consents/consent-log.ts';
import type { ConsentChange } from '../../consents/consent-shapes.ts';
import type { SmsReplies } from '../settings.ts';
import type { Suppressions } from '../suppressions/address-suppressions.ts';
import { type SmsKeyword, smsKeyword } from './sms-keywords.ts';

export interface InboundSmsDeps {
  suppressions: Suppressions;
  consents: ConsentLog;
  /** The users reached at a phone number (marketplace contacts). */
  usersByPhone: (phoneNumber: string) => Promise<string[]>;
  replies: SmsReplies;
  log: Logger;
}

/** The channels whose inbound messages may carry STOP and START. */
export type KeywordChannel = 'sms' | 'whatsapp';
const SOURCES = { sms: { stop: 'sms_stop', start: 'sms_start' }, whatsapp: { stop: 'whatsapp_stop', start: 'whatsapp_start' } } as const;

export interface InboundOutcome {
  keyword: SmsKeyword | null;
  /** What to answer the sender, when anything. */
  reply?: string;
  /** Whether the number's state changed (a first STOP, a START after a STOP). */
  changed: boolean;
}

/**
 * An SMS someone sent to one of our numbers, by keyword. STOP (and its synonyms) puts the
 * number on the suppression list for SMS (every SMS, as carriers do), withdraws its users' SMS
 * consent for every vendor they had given it to (or the marketplace's own, when none) and is
 * confirmed once: a repeated STOP changes nothing and is not answered. START lifts a STOP and
 * restores the consents STOP withdrew, confirmed once. HELP answers the configured text.
 * Anything else is left alone.
 */
export function createInboundSms({ suppressions, consents, usersByPhone, replies, log }: InboundSmsDeps) {
  async function consentChanges(from: string, keyword: 'stop' | 'start', textShown: string, channel: KeywordChannel): Promise<ConsentChange[]> {
    const users = await usersByPhone(from);
    if (!users.length) return [];
    const current = (await consents.current(users)).filter((c) => c.channel === channel);
    const sources = SOURCES[channel];
    return users.flatMap((userId): ConsentChange[] => {
      const mine = current.filter((c) => c.userId === userId);
      const change = (vendorId: string | null): ConsentChange => ({
        userId,
        vendorId,
        channel,
        granted: keyword === 'start',
        source: keyword === 'stop' ? sources.stop : sources.start,
        textShown: textShown || null,
      });
      if (keyword === 'stop') {
        // Every vendor they agreed to; with none on record, the marketplace's own.
        const given = mine.filter((c) => c.granted);
        if (given.length) return given.map((c) => change(c.vendorId));
        return mine.length ? [] : [change(null)];
      }
      // What STOP withdrew; with nothing to restore and nothing given, the marketplace's own.
      const stopped = mine.filter((c) => !c.granted && c.source === sources.stop);
      if (stopped.length) return stopped.map((c) => change(c.vendorId));
      return mine.some((c) => c.granted) ? [] : [change(null)];
    });
  }

  /** `channel`: where the keyword came from, and what it stops or starts (an SMS STOP stops SMS; a WhatsApp STOP, WhatsApp). */
  async function receive(from: string, text: string | undefined, via: string, channel: KeywordChannel = 'sms'): Promise<InboundOutcome> {
    const keyword = smsKeyword(text);
    if (!keyword) return { keyword: null, changed: false };
    if (keyword === 'help') return { keyword, reply: replies.help || undefined, changed: false };
    const actor = `${channel}:${via}`;
    const note = `${channel === 'sms' ? 'Texted' : 'Sent on WhatsApp'} "${(text ?? '').trim().slice(0, 40)}".`;
    const changed =
      keyword === 'stop'
        ? (await suppressions.add([{ channel, address: from, reason: 'stop', actor, note }], true)).length > 0
        : (await suppressions.remove({ channel, address: from, actor, reasons: ['stop'], note })).length > 0;
    const reply = keyword === 'stop' ? replies.stop : replies.start;
    // Consents are brought in line on every STOP and START, so a retried webhook finishes what
    // a failed one began; a change already recorded is not recorded again.
    const changes = await consentChanges(from, keyword, reply, channel);
    if (changes.length) await consents.record(changes);
    log.info({ keyword, changed, consents: changes.length, via, channel }, 'inbound keyword');
    return { keyword, changed, reply: changed && reply ? reply : undefined };
  }

  return { receive };
}

export type InboundSms = ReturnType<typeof createInboundSms>;
