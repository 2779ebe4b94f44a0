/**
 * The SMS keywords carriers and the CTIA handbook require a sender to honour: the first word of
 * the message, trimmed, in any case.
 */
const KEYWORDS: Record<string, SmsKeyword> = {
  STOP: 'stop',
  STOPALL: 'stop',
  END: 'stop',
  CANCEL: 'stop',
  UNSUBSCRIBE: 'stop',
  QUIT: 'stop',
  START: 'start',
  UNSTOP: 'start',
  YES: 'start',
  HELP: 'help',
  INFO: 'help',
};

export type SmsKeyword = 'stop' | 'start' | 'help';

/** The keyword an inbound text is, or undefined for an ordinary message ("Stop sending me this" is STOP; "please stop" is not). */
export function smsKeyword(text: string | undefined): SmsKeyword | undefined {
  const first = (text ?? '').trim().split(/\s+/, 1)[0] ?? '';
  // "STOP." or "Stop!" as typed on a phone.
  const word = first.replace(/[.!?,;:]+$/, '').toUpperCase();
  return KEYWORDS[word];
}
