import { useMemo, useState } from 'preact/hooks';
import { ParleyApiError } from '../../../sdk/index.ts';
import type { Campaign, CampaignBody, CampaignChannel, ChannelTemplates, DryRun } from './campaign-types.ts';
import { CAMPAIGN_CHANNELS } from './campaign-types.ts';
import { useClient } from '../context.tsx';
import { ErrorNote, Link } from '../ui.tsx';
import { currentLocale, t } from '../i18n.ts';
import { navigate } from '../router.ts';
import { NotForYourRole } from '../dashboards/common.tsx';
import { campaignPath } from './campaign-data.ts';
import { ComposerOptions, defaultOptions, optionsBody, type OptionsDraft } from './composer-options.tsx';
import { SegmentBuilder, emptySegment, toSegment, type SegmentDraft } from './segment-builder.tsx';
import { TemplateEditor, starterTemplates } from './template-editor.tsx';
import { channelLabel, count, kindLabel, limitText } from './campaign-labels.ts';
import './campaigns.css';

/** The campaign composer: audience, channels and templates, schedule, pace and split; checked by a dry run, then sent. */
export function ComposerPage() {
  const client = useClient();
  if (client.user.role !== 'seller' && client.user.role !== 'operator') return <NotForYourRole title={t('compose.title')} what={t('campaigns.what')} />;
  return <Composer />;
}

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

function Composer() {
  const client = useClient();
  const operator = client.user.role === 'operator';
  const locale = currentLocale();
  const [vendorId, setVendorId] = useState(operator ? '' : client.user.userId);
  const [name, setName] = useState('');
  const [segment, setSegment] = useState<SegmentDraft>(emptySegment);
  const [channels, setChannels] = useState<CampaignChannel[]>(['email']);
  const [templates, setTemplates] = useState<ChannelTemplates[]>(() => CAMPAIGN_CHANNELS.map((c) => starterTemplates(c, locale)));
  const [variantB, setVariantB] = useState<ChannelTemplates[]>(() => CAMPAIGN_CHANNELS.map((c) => starterTemplates(c, locale)));
  const [options, setOptions] = useState<OptionsDraft>(defaultOptions);
  const [sampleName, setSampleName] = useState(t('compose.sampleName'));

  const body: CampaignBody = useMemo(
    () => ({
      vendorId: vendorId.trim(),
      name: name.trim(),
      channels: templates.filter((e) => channels.includes(e.channel)).sort((a, b) => channels.indexOf(a.channel) - channels.indexOf(b.channel)),
      audience: { segment: toSegment(segment) },
      ...optionsBody(options, channels, variantB),
    }),
    [vendorId, name, templates, channels, segment, options, variantB],
  );

  const toggleChannel = (c: CampaignChannel, on: boolean) => setChannels((now) => (on ? CAMPAIGN_CHANNELS.filter((x) => x === c || now.includes(x)) : now.filter((x) => x !== c)));
  const sample = { name: sampleName };

  return (
    <section class="page dash composer" aria-labelledby="compose-title">
      <p class="campaign-back">
        <Link href="/campaigns">{t('campaigns.back')}</Link>
      </p>
      <h1 id="compose-title">{t('compose.title')}</h1>
      <p class="muted">{t('compose.intro')}</p>
      <form class="composer-form" onSubmit={(e) => e.preventDefault()} aria-labelledby="compose-title">
        <div class="composer-grid">
          <div class="field">
            <label for="compose-name">{t('compose.name')}</label>
            <input id="compose-name" value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={200} />
          </div>
          {operator ? (
            <div class="field">
              <label for="compose-vendor">{t('compose.vendor')}</label>
              <input id="compose-vendor" value={vendorId} onInput={(e) => setVendorId(e.currentTarget.value)} required />
            </div>
          ) : null}
        </div>
        {vendorId.trim() ? <SegmentBuilder vendorId={vendorId.trim()} value={segment} onChange={setSegment} /> : <p class="notice">{t('compose.vendorFirst')}</p>}
        <fieldset class="composer-checks">
          <legend>{t('compose.channels')}</legend>
          {CAMPAIGN_CHANNELS.map((c) => (
            <label key={c} class="inline">
              <input type="checkbox" checked={channels.includes(c)} onChange={(e) => toggleChannel(c, e.currentTarget.checked)} />
              {channelLabel(c)}
            </label>
          ))}
        </fieldset>
        <div class="field composer-sample">
          <label for="compose-sample">{t('compose.sample')}</label>
          <input id="compose-sample" value={sampleName} onInput={(e) => setSampleName(e.currentTarget.value)} aria-describedby="compose-sample-hint" />
          <p id="compose-sample-hint" class="muted dash-hint">{t('compose.sampleHint')}</p>
        </div>
        <TemplateEditor idPrefix="tpl" channels={channels} value={templates} onChange={setTemplates} sample={sample} vendorId={body.vendorId} campaignName={body.name} label={options.abTest ? t('compose.variantA') : undefined} />
        <ComposerOptions value={options} onChange={setOptions} />
        {options.abTest ? (
          <TemplateEditor idPrefix="tplb" channels={channels} value={variantB} onChange={setVariantB} sample={sample} vendorId={body.vendorId} campaignName={body.name} label={t('compose.variantB')} />
        ) : null}
        <Review body={body} ready={Boolean(body.vendorId && body.name && body.channels.length && (options.when !== 'at' || options.sendAt))} />
      </form>
    </section>
  );
}

interface QuotaRefusal {
  needed: number;
  remaining: number | null;
  limit: number | null;
  tier: string;
  kind: string;
  month: string;
}

/** The dry run's figures for the campaign as it stands, then Send; a refusal over quota shows its numbers and offers to send up to the quota. */
function Review({ body, ready }: { body: CampaignBody; ready: boolean }) {
  const client = useClient();
  const [checked, setChecked] = useState<{ json: string; result: DryRun; key: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [refusal, setRefusal] = useState<{ json: string; details: QuotaRefusal } | null>(null);
  const json = JSON.stringify(body);
  const current = checked?.json === json ? checked : null;
  const refused = refusal?.json === json ? refusal.details : null;

  const dryRun = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await client.request<DryRun>('POST', '/campaigns/dry-run', body);
      setChecked({ json, result, key: newKey() });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const send = async (upToQuota: boolean) => {
    if (!current) return;
    setBusy(true);
    setError(undefined);
    try {
      const campaign = await client.request<Campaign>('POST', '/campaigns', { ...body, idempotencyKey: upToQuota ? `${current.key}-up-to-quota` : current.key, ...(upToQuota ? { upToQuota: true } : {}) });
      navigate(campaignPath(campaign.campaignId));
    } catch (e) {
      if (e instanceof ParleyApiError && e.code === 'quota_exceeded' && e.details) setRefusal({ json, details: e.details as QuotaRefusal });
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="composer-review card" aria-labelledby="review-title">
      <h2 id="review-title">{t('compose.review')}</h2>
      <p class="muted">{t('compose.reviewIntro')}</p>
      <button type="button" class="secondary" onClick={dryRun} disabled={busy || !ready}>
        {t('compose.check')}
      </button>
      {checked && !current ? <p class="muted">{t('compose.changed')}</p> : null}
      {current ? <DryRunFigures result={current.result} /> : null}
      {refused ? (
        <div class="error-box" role="alert">
          <p class="error">
            {t('compose.overQuota', { needed: count(refused.needed), kind: kindLabel(refused.kind), tier: t(`tiers.name.${refused.tier}`, { defaultValue: refused.tier }), remaining: refused.remaining === null ? t('usage.unlimited') : count(refused.remaining), limit: limitText(refused.limit), month: refused.month })}
          </p>
          <p>{t('compose.overQuotaHelp')}</p>
          <button type="button" onClick={() => send(true)} disabled={busy || refused.remaining === 0}>
            {t('compose.sendUpToQuota', { count: refused.remaining ?? 0 })}
          </button>
        </div>
      ) : null}
      <ErrorNote error={error} />
      {current && !refused ? (
        <button type="button" class="composer-send" onClick={() => send(false)} disabled={busy}>
          {body.schedule ? t('compose.schedule') : t('compose.send')}
        </button>
      ) : null}
    </section>
  );
}

function DryRunFigures({ result: r }: { result: DryRun }) {
  const rows: Array<[string, number]> = [
    [t('compose.dry.optedOut'), r.optedOut],
    [t('compose.dry.quietHours'), r.quietHours],
    [t('compose.dry.overCap'), r.overFrequencyCap],
    [t('compose.dry.overQuota'), r.overQuota],
  ];
  return (
    <div class="composer-dry" role="status">
      <p class="stat" data-testid="dry-run-reach">{t('compose.dry.reaches', { reaches: count(r.reaches), of: count(r.of) })}</p>
      <dl class="dash-meta">
        {rows.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{count(n)}</dd>
          </div>
        ))}
      </dl>
      {r.quota ? (
        <p class="muted">
          {t('compose.dry.quota', {
            tier: t(`tiers.name.${r.quota.tier}`, { defaultValue: r.quota.tier }),
            month: r.quota.month,
            remaining: Object.entries(r.quota.remaining).map(([k, v]) => `${kindLabel(k)} ${v === null ? t('usage.unlimited') : count(v)}`).join(', '),
          })}
        </p>
      ) : null}
    </div>
  );
}
