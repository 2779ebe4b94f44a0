import { useState } from 'preact/hooks';
import type { Campaign, CampaignPage } from './campaign-types.ts';
import { useClient } from '../context.tsx';
import { ErrorNote, Link, Loading, Time } from '../ui.tsx';
import { t } from '../i18n.ts';
import { IdPicker, LoadError, NotForYourRole, usePaged } from '../dashboards/common.tsx';
import { REFRESH_MS, campaignPath, useCampaign } from './campaign-data.ts';
import { channelLabel, count, statusLabel, statusTone } from './campaign-labels.ts';
import './campaigns.css';

const canUse = (role: string) => role === 'seller' || role === 'operator';

/** The campaigns: a seller's own, or (operators) every vendor's, newest first, each with its progress per channel. */
export function CampaignsPage() {
  const client = useClient();
  if (!canUse(client.user.role)) return <NotForYourRole title={t('campaigns.title')} what={t('campaigns.what')} />;
  return <CampaignList />;
}

function CampaignList() {
  const client = useClient();
  const operator = client.user.role === 'operator';
  const [vendorId, setVendorId] = useState('');
  const list = usePaged<Campaign>(async (cursor) => {
    const page = await client.request<CampaignPage>('GET', '/campaigns', undefined, { limit: 20, cursor, vendorId: operator && vendorId ? vendorId : undefined });
    return { items: page.campaigns, next: page.nextCursor };
  }, [client, operator, vendorId]);
  if (list.error && list.items.length === 0 && !list.loading) return <LoadError error={list.error} title={t('campaigns.title')} what={t('campaigns.what')} />;

  return (
    <section class="page dash" aria-labelledby="campaigns-title">
      <div class="dash-head">
        <div>
          <h1 id="campaigns-title">{t('campaigns.title')}</h1>
          <p class="muted">{operator ? t('campaigns.introOperator') : t('campaigns.intro')}</p>
        </div>
        <div class="dash-head-actions">
          <Link href="/campaigns/new" class="button-link">{t('campaigns.new')}</Link>
        </div>
      </div>
      {operator ? <IdPicker id="campaigns-vendor" label={t('campaigns.vendorFilter')} placeholder={t('campaigns.everyVendor')} button={t('campaigns.show')} onChange={setVendorId} /> : null}
      <ErrorNote error={list.error} />
      {list.loading && list.items.length === 0 ? (
        <Loading what={t('campaigns.loading')} />
      ) : list.items.length === 0 ? (
        <div class="card dash-empty">
          <h2>{t('campaigns.none')}</h2>
          <p>{t('campaigns.noneDetail')}</p>
        </div>
      ) : (
        <ul class="dash-list" aria-label={t('campaigns.listLabel')}>
          {list.items.map((c) => (
            <CampaignItem key={c.campaignId} campaign={c} showVendor={operator} />
          ))}
        </ul>
      )}
      {list.hasMore ? (
        <button type="button" class="secondary dash-more" onClick={list.more} disabled={list.loading}>
          {t('campaigns.more')}
        </button>
      ) : null}
    </section>
  );
}

function CampaignItem({ campaign, showVendor }: { campaign: Campaign; showVendor: boolean }) {
  const detail = useCampaign(campaign.campaignId, REFRESH_MS.list);
  const c = detail.data ?? campaign;
  const headingId = `campaign-${campaign.campaignId}`;
  return (
    <li class="card dash-item campaign-item" aria-labelledby={headingId}>
      <div class="dash-item-head">
        <h2 id={headingId} class="campaign-name">
          <Link href={campaignPath(c.campaignId)}>{c.name}</Link>
        </h2>
        <span class={`pill ${statusTone(c.status)}`}>{statusLabel(c.status)}</span>
      </div>
      <dl class="dash-meta">
        {showVendor ? (
          <div>
            <dt>{t('campaigns.vendor')}</dt>
            <dd>{c.vendorId}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('campaigns.created')}</dt>
          <dd><Time iso={c.createdAt} /></dd>
        </div>
        {c.nextRunAt ? (
          <div>
            <dt>{t('campaigns.nextRun')}</dt>
            <dd><Time iso={c.nextRunAt} /></dd>
          </div>
        ) : null}
        <div>
          <dt>{t('campaigns.channels')}</dt>
          <dd>{c.definition.channels.map((ch) => channelLabel(ch.channel)).join(', ')}</dd>
        </div>
      </dl>
      {detail.data ? <ChannelProgress detail={detail.data} /> : detail.error ? <ErrorNote error={detail.error} /> : <Loading what={t('campaigns.loadingProgress')} />}
    </li>
  );
}

/** Sent of total per channel, as bars with the figures in words beside them. */
export function ChannelProgress({ detail }: { detail: import('./campaign-types.ts').CampaignDetail }) {
  const channels = detail.results.channels;
  if (channels.length === 0) {
    return <p class="muted campaign-progress-none">{detail.progress.expansionDone ? t('campaigns.noRecipients') : t('campaigns.preparing')}</p>;
  }
  return (
    <ul class="campaign-progress" aria-label={t('campaigns.progressOf', { name: detail.name })}>
      {channels.map((ch) => {
        const id = `progress-${detail.campaignId}-${ch.channel}`;
        const words = t('campaigns.sentOf', { sent: count(ch.sent), total: count(ch.recipients) });
        return (
          <li key={ch.channel} class="campaign-progress-row">
            <span id={id} class="campaign-progress-channel">{channelLabel(ch.channel)}</span>
            <progress max={Math.max(ch.recipients, 1)} value={ch.sent} aria-labelledby={id} aria-valuetext={words} />
            <span class="campaign-progress-figures" data-testid="progress-figures">{words}</span>
          </li>
        );
      })}
      {!detail.progress.expansionDone ? <li class="muted">{t('campaigns.stillAdding')}</li> : null}
    </ul>
  );
}
