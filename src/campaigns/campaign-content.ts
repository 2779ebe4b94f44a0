import type { Template } from 'liquidjs';
import { ParleyError } from '../errors.ts';
import type { NotificationRequest, Rendered } from '../notifications/model.ts';
import { type TemplateContent, TemplateError, localeChain, renderParsed, validateTemplate } from '../notifications/templates/template-rendering.ts';
import type { CampaignBody, CampaignChannel } from './campaign-schemas.ts';

type ChannelTemplates = CampaignBody['channels'][number];
type Parsed = Map<string, Template[]>;

/** A campaign's templates parsed once: per variant (or the campaign's own, '') and channel, per locale. */
export interface ParsedContent {
  /** The templates for a recipient of this variant on this channel, in their locale (or the fallbacks). */
  pick(variant: string | null, channel: CampaignChannel, locale: string | null): Parsed | undefined;
}

function parseChannel(entry: ChannelTemplates, path: string): Map<string, Parsed> {
  const byLocale = new Map<string, Parsed>();
  for (const [i, t] of entry.templates.entries()) {
    try {
      byLocale.set(t.locale.toLowerCase(), validateTemplate(entry.channel, t.content as TemplateContent));
    } catch (err) {
      if (!(err instanceof ParleyError)) throw err;
      throw new ParleyError('unprocessable', 'invalid_template', `The ${entry.channel} template for locale ${t.locale} cannot be used: ${err.message}`, { field: `${path}/templates/${i}` });
    }
  }
  return byLocale;
}

/**
 * Parses every template of a campaign (throws 422 invalid_template naming the one that does not
 * parse or lacks a field its channel needs).
 */
export function parseCampaignContent(body: Pick<CampaignBody, 'channels' | 'variants'>): ParsedContent {
  const own = new Map<string, Map<string, Parsed>>();
  const defaults = new Map<string, string>();
  for (const [i, entry] of body.channels.entries()) {
    if (own.has(entry.channel)) throw new ParleyError('unprocessable', 'duplicate_channel', `The ${entry.channel} channel is listed twice; give each channel once with all its locales.`, { field: `channels/${i}` });
    own.set(entry.channel, parseChannel(entry, `channels/${i}`));
    defaults.set(entry.channel, entry.templates[0]!.locale.toLowerCase());
  }
  const variants = new Map<string, Map<string, Map<string, Parsed>>>();
  for (const [v, variant] of (body.variants ?? []).entries()) {
    const mine = new Map<string, Map<string, Parsed>>();
    for (const [i, entry] of (variant.channels ?? []).entries()) {
      if (!own.has(entry.channel)) {
        throw new ParleyError('unprocessable', 'unknown_channel', `Variant "${variant.name}" has ${entry.channel} templates, but the campaign does not send on ${entry.channel}; add it to "channels" or remove it.`, { field: `variants/${v}/channels/${i}` });
      }
      mine.set(entry.channel, parseChannel(entry, `variants/${v}/channels/${i}`));
    }
    variants.set(variant.name, mine);
  }
  return {
    pick(variant, channel, locale) {
      const byLocale = (variant !== null ? variants.get(variant)?.get(channel) : undefined) ?? own.get(channel);
      if (!byLocale) return undefined;
      const fallback = byLocale === own.get(channel) ? defaults.get(channel)! : [...byLocale.keys()][0]!;
      for (const candidate of localeChain(locale?.toLowerCase() ?? undefined, fallback)) {
        const found = byLocale.get(candidate);
        if (found) return found;
      }
      return byLocale.get(fallback);
    },
  };
}

/** What a template can use about its recipient. Absent facts are left out, so a template using them fails for that recipient (strict variables). */
export function renderData(recipient: { name: string | null; locale: string | null }, vendorId: string, campaign: { id: string; name: string }): Record<string, unknown> {
  const customer: Record<string, string> = {};
  if (recipient.name) {
    customer.name = recipient.name;
    customer.firstName = recipient.name.split(/\s+/)[0]!;
  }
  if (recipient.locale) customer.locale = recipient.locale;
  return { customer, vendor: { id: vendorId }, campaign: { id: campaign.id, name: campaign.name } };
}

/** Renders one channel's message for one recipient; a template that fails for them answers its reason. */
export async function renderMessage(parsed: Parsed, channel: CampaignChannel, data: Record<string, unknown>): Promise<{ message: NotificationRequest['message'] } | { problem: string }> {
  let rendered: Rendered;
  try {
    rendered = await renderParsed(parsed, data);
  } catch (err) {
    return { problem: err instanceof TemplateError ? `render_failed: ${err.message}` : `render_failed: ${(err as Error).message}` };
  }
  const text = (value: string | undefined) => (value && value.trim() ? value : undefined);
  switch (channel) {
    case 'email': {
      const subject = text(rendered.subject);
      const body = text(rendered.text);
      const htmlBody = text(rendered.html);
      if (!subject || (!body && !htmlBody)) return { problem: 'render_failed: the email rendered without a subject or body' };
      return { message: { subject: subject.slice(0, 998), ...(body ? { body } : {}), ...(htmlBody ? { htmlBody } : {}) } };
    }
    case 'sms': {
      const smsText = text(rendered.text);
      return smsText ? { message: { smsText: smsText.slice(0, 1600) } } : { problem: 'render_failed: the SMS rendered empty' };
    }
    case 'push':
    case 'in-app': {
      const title = text(rendered.title);
      const body = text(rendered.body);
      if (!title || !body) return { problem: `render_failed: the ${channel} message rendered without a title or body` };
      const action = rendered.action?.url ? { action: { type: 'custom' as const, url: rendered.action.url } } : {};
      return channel === 'push'
        ? { message: { pushNotification: { title: title.slice(0, 256), body: body.slice(0, 4000), ...(rendered.icon ? { icon: rendered.icon } : {}), ...action } } }
        : { message: { inAppMessage: { title: title.slice(0, 256), body: body.slice(0, 10_000), ...(rendered.imageUrl ? { imageUrl: rendered.imageUrl } : {}), ...action } } };
    }
  }
}
