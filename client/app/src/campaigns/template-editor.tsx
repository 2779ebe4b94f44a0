import { Liquid } from 'liquidjs';
import { useEffect, useState } from 'preact/hooks';
import type { CampaignChannel, ChannelTemplates, TemplateContent } from './campaign-types.ts';
import { t } from '../i18n.ts';
import { channelLabel } from './campaign-labels.ts';

/** The fields a channel's template has, in the order they are typed. */
const FIELDS: Record<CampaignChannel, Array<{ name: keyof TemplateContent; multiline: boolean }>> = {
  email: [
    { name: 'subject', multiline: false },
    { name: 'text', multiline: true },
  ],
  sms: [{ name: 'text', multiline: true }],
  push: [
    { name: 'title', multiline: false },
    { name: 'body', multiline: true },
  ],
  'in-app': [
    { name: 'title', multiline: false },
    { name: 'body', multiline: true },
  ],
};

/** A new channel's first template, in the seller's language, with the customer's first name in it. */
export function starterTemplates(channel: CampaignChannel, locale: string): ChannelTemplates {
  const content: TemplateContent = {};
  for (const f of FIELDS[channel]) content[f.name] = t(`compose.starter.${channel === 'in-app' ? 'push' : channel}.${f.name}`, { first: '{{ customer.firstName }}' });
  return { channel, templates: [{ locale, content }] };
}

// As the server renders: strict, so a variable the customer lacks is an error, not an empty text.
const engine = new Liquid({ strictVariables: true, strictFilters: true, ownPropertyOnly: true });

export interface SampleCustomer {
  name: string;
}

/** The data a campaign template sees for a customer (as the server gives it). */
function sampleData(sample: SampleCustomer, locale: string, vendorId: string, campaignName: string) {
  const customer: Record<string, string> = { locale };
  if (sample.name.trim()) {
    customer.name = sample.name.trim();
    customer.firstName = sample.name.trim().split(/\s+/)[0]!;
  }
  return { customer, vendor: { id: vendorId }, campaign: { id: 'preview', name: campaignName } };
}

/** The rendered fields of one template for the sample customer, or why it fails for them. */
function usePreview(content: TemplateContent, data: Record<string, unknown>): { fields?: Record<string, string>; error?: string } {
  const key = JSON.stringify([content, data]);
  const [state, setState] = useState<{ fields?: Record<string, string>; error?: string }>({});
  useEffect(() => {
    let current = true;
    (async () => {
      const fields: Record<string, string> = {};
      for (const [name, source] of Object.entries(content)) {
        if (!source) continue;
        try {
          fields[name] = await engine.parseAndRender(source, data);
        } catch (e) {
          return { error: t('compose.previewFailed', { field: t(`compose.field.${name}`, { defaultValue: name }), reason: (e as Error).message.split('\n')[0] }) };
        }
      }
      return { fields };
    })().then((s) => current && setState(s));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

/**
 * The templates of the chosen channels, one per language (Liquid), each with a preview of the
 * text a sample customer would get.
 */
export function TemplateEditor({ idPrefix, channels, value, onChange, sample, vendorId, campaignName, label }: {
  idPrefix: string;
  channels: CampaignChannel[];
  value: ChannelTemplates[];
  onChange: (v: ChannelTemplates[]) => void;
  sample: SampleCustomer;
  vendorId: string;
  campaignName: string;
  label?: string;
}) {
  const update = (channel: CampaignChannel, change: (entry: ChannelTemplates) => ChannelTemplates) => onChange(value.map((e) => (e.channel === channel ? change(e) : e)));
  return (
    <div class="composer-templates">
      {channels.map((channel) => {
        const entry = value.find((e) => e.channel === channel);
        if (!entry) return null;
        return (
          <fieldset key={channel} class="composer-channel">
            <legend>{label ? t('compose.templatesOfVariant', { channel: channelLabel(channel), variant: label }) : t('compose.templatesOf', { channel: channelLabel(channel) })}</legend>
            {entry.templates.map((tpl, i) => {
              const id = `${idPrefix}-${channel}-${i}`;
              const setTemplate = (next: { locale: string; content: TemplateContent }) => update(channel, (e) => ({ ...e, templates: e.templates.map((x, j) => (j === i ? next : x)) }));
              return (
                <div key={i} class="composer-locale">
                  <div class="composer-locale-head">
                    <div class="field">
                      <label for={`${id}-locale`}>
                        {t('compose.language')}
                        <span class="visually-hidden"> ({[channelLabel(channel), String(i + 1), ...(label ? [label] : [])].join(', ')})</span>
                      </label>
                      <input id={`${id}-locale`} value={tpl.locale} size={8} onInput={(e) => setTemplate({ ...tpl, locale: e.currentTarget.value.trim() })} />
                    </div>
                    {entry.templates.length > 1 ? (
                      <button type="button" class="secondary" onClick={() => update(channel, (e) => ({ ...e, templates: e.templates.filter((_, j) => j !== i) }))}>
                        {t('compose.removeLanguage', { locale: tpl.locale })}
                      </button>
                    ) : null}
                  </div>
                  {FIELDS[channel].map((f) => {
                    const fieldId = `${id}-${f.name}`;
                    const name = t(`compose.field.${f.name}`);
                    const where = [channelLabel(channel), tpl.locale || '–', ...(label ? [label] : [])].join(', ');
                    const input = { id: fieldId, value: tpl.content[f.name] ?? '', onInput: (e: { currentTarget: { value: string } }) => setTemplate({ ...tpl, content: { ...tpl.content, [f.name]: e.currentTarget.value } }) };
                    return (
                      <div key={f.name} class="field">
                        <label for={fieldId}>
                          {name}
                          <span class="visually-hidden"> ({where})</span>
                        </label>
                        {f.multiline ? <textarea rows={channel === 'email' ? 6 : 3} {...input} /> : <input {...input} />}
                      </div>
                    );
                  })}
                  <Preview channel={channel} content={tpl.content} data={sampleData(sample, tpl.locale, vendorId, campaignName)} locale={tpl.locale} sampleName={sample.name} />
                </div>
              );
            })}
            <button
              type="button"
              class="secondary"
              onClick={() => update(channel, (e) => ({ ...e, templates: [...e.templates, { locale: '', content: { ...e.templates[0]!.content } }] }))}
            >
              {t('compose.addLanguage', { channel: channelLabel(channel) })}
            </button>
          </fieldset>
        );
      })}
      <p class="muted dash-hint">{t('compose.variables', { first: '{{ customer.firstName }}', name: '{{ customer.name }}', locale: '{{ customer.locale }}', campaign: '{{ campaign.name }}' })}</p>
    </div>
  );
}

function Preview({ channel, content, data, locale, sampleName }: { channel: CampaignChannel; content: TemplateContent; data: Record<string, unknown>; locale: string; sampleName: string }) {
  const preview = usePreview(content, data);
  const title = t('compose.previewFor', { name: sampleName.trim() || t('compose.noName'), locale: locale || '–' });
  return (
    <section class={`composer-preview composer-preview-${channel}`} aria-label={t('compose.previewLabel', { channel: channelLabel(channel), locale: locale || '–' })}>
      <h4>{title}</h4>
      {preview.error ? (
        <p class="error">{preview.error}</p>
      ) : preview.fields ? (
        <div class="composer-preview-body" data-testid="preview">
          {channel === 'email' ? <p class="composer-preview-subject">{preview.fields.subject}</p> : null}
          {channel === 'push' || channel === 'in-app' ? <p class="composer-preview-subject">{preview.fields.title}</p> : null}
          <p class="composer-preview-text">{channel === 'email' || channel === 'sms' ? preview.fields.text : preview.fields.body}</p>
          {channel === 'sms' ? <p class="muted dash-hint">{t('compose.smsLength', { count: (preview.fields.text ?? '').length })}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
