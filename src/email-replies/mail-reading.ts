import { type AddressObject, type HeaderValue, simpleParser } from 'mailparser';
import type { InboundMail } from './inbound-mail.ts';

/** Whether a message was sent by a machine: RFC 3834 Auto-Submitted, the common auto-reply and list markers, or a bounce. */
export function isAutomatic(header: (name: string) => string | undefined, envelopeFrom?: string): boolean {
  if (envelopeFrom === '') return true;
  const submitted = header('auto-submitted')?.trim().toLowerCase();
  if (submitted && submitted !== 'no') return true;
  if (header('x-autoreply') || header('x-autorespond') || header('x-auto-response-suppress')?.toLowerCase().includes('all')) return true;
  return /^(bulk|junk|list|auto_reply)$/i.test(header('precedence')?.trim() ?? '');
}

function text(value: HeaderValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => text(v as HeaderValue)).join(', ');
  if (typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  return undefined;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((a) => a.value.flatMap((v) => (v.address ? [v.address] : (v.group ?? []).flatMap((g) => (g.address ? [g.address] : [])))));
}

/**
 * A raw RFC 5322 message read into an InboundMail. `envelope` is the SMTP envelope when there is
 * one (the listener, SendGrid's `envelope`); without it, To and Cc stand for the recipients.
 * Text-only mail is read as it is; HTML-only mail is turned into text by mailparser.
 */
export async function readRawMail(raw: Buffer | string, envelope?: { from?: string; to: string[] }): Promise<InboundMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const header = (name: string) => text(parsed.headers.get(name));
  return {
    recipients: envelope?.to.length ? envelope.to : [...addresses(parsed.to), ...addresses(parsed.cc)],
    from: parsed.from?.value[0]?.address,
    messageId: parsed.messageId,
    text: parsed.text,
    automatic: isAutomatic(header, envelope?.from),
  };
}

/** Text from an HTML body, as mailparser makes it (for webhooks that give HTML and no text). */
export async function htmlAsText(html: string): Promise<string> {
  const parsed = await simpleParser(`Content-Type: text/html; charset=utf-8\r\n\r\n${html}`, { skipImageLinks: true, skipTextToHtml: true });
  return parsed.text ?? '';
}
