import { useState } from 'preact/hooks';
import type { Campaign, CampaignDetail } from './campaign-types.ts';
import { useClient } from '../context.tsx';
import { ErrorNote, Link, Loading, Time, formatPercent } from '../ui.tsx';
import { t } from '../i18n.ts';
import { LoadError, NotForYourRole } from '../dashboards/common.tsx';
import { campaignPath, readCampaign, useCampaign } from './campaign-data.ts';
import { ChannelProgress } from './campaign-list.tsx';
import { FunnelChart } from './result-chart.tsx';
import { channelLabel, count, isLive, statusLabel, statusTone } from './campaign-labels.ts';
import './campaigns.css';

const HOLDBACK = 'holdback';

/** One campaign: its progress, results per channel and variant, the A/B statistics, and the controls. */
export function CampaignPage({ campaignId }: { campaignId: string }) {
  const client = useClient();
  if (client.user.role !== 'seller' && client.user.role !== 'operator') return <NotForYourRole title={t('campaigns.title')} what={t('campaigns.what')} />;
  return <CampaignView campaignId={campaignId} />;
}

function CampaignView({ campaignId }: { campaignId: string }) {
  const campaign = useCampaign(campaignId);
  const c = campaign.data;
  if (campaign.error && !c) return <LoadError error={campaign.error} title={t('campaigns.title')} what={t('campaigns.what')} />;
  if (!c) return <Loading what={t('campaigns.loadingOne')} />;
  const variants = c.results.variants.filter((v) => v.variant !== 'default');
  return (
    <section class="page dash" aria-labelledby="campaign-title">
      <p class="campaign-back">
        <Link href="/campaigns">{t('campaigns.back')}</Link>
      </p>
      <div class="dash-head">
        <div>
          <h1 id="campaign-title">{c.name}</h1>
          <p>
            <span class={`pill ${statusTone(c.status)}`} data-testid="campaign-status">{statusLabel(c.status)}</span>
          </p>
        </div>
        <Controls campaign={c} onChanged={campaign.reload} />
      </div>
      <Facts campaign={c} />
      <section class="dash-section" aria-labelledby="progress-title">
        <h2 id="progress-title">{t('campaigns.progress')}</h2>
        <ChannelProgress detail={c} />
        <p class="muted">
          {t('campaigns.recipientsSoFar', { count: c.progress.recipients })}
          {c.progress.held ? ` ${t('campaigns.held', { count: c.progress.held })}` : ''}
        </p>
        {Object.keys(c.progress.skipped).length ? (
          <ul class="campaign-skipped" aria-label={t('campaigns.skippedLabel')}>
            {Object.entries(c.progress.skipped).map(([reason, n]) => (
              <li key={reason}>{t('campaigns.skippedReason', { reason: t(`campaigns.skip.${reason}`, { defaultValue: reason }), count: n })}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <section class="dash-section" aria-labelledby="results-title">
        <h2 id="results-title">{t('campaigns.results')}</h2>
        <p class="muted">{t('campaigns.resultsIntro', { days: c.results.conversionWindowDays })}</p>
        {c.results.channels.length === 0 ? (
          <p class="card">{t('campaigns.noResults')}</p>
        ) : (
          <div class="dash-charts">
            <FunnelChart title={t('campaigns.perChannel')} rowHeader={t('campaigns.channel')} rows={c.results.channels.map((ch) => ({ label: channelLabel(ch.channel), figures: ch }))} />
            {variants.length ? <FunnelChart title={t('campaigns.perVariant')} rowHeader={t('campaigns.variant')} rows={variants.map((v) => ({ label: v.variant, figures: v }))} /> : null}
          </div>
        )}
      </section>
      {c.definition.variants?.length ? <AbTest campaign={c} onChanged={campaign.set} /> : null}
      {c.problems.length ? (
        <section class="dash-section" aria-labelledby="problems-title">
          <h2 id="problems-title">{t('campaigns.problems')}</h2>
          <p class="muted">{t('campaigns.problemsIntro')}</p>
          <ul class="dash-errors">
            {c.problems.map((p) => (
              <li key={`${p.userId} ${p.channel}`}>
                <strong>{p.userId}</strong> · {channelLabel(p.channel)}: <span class="dash-code">{p.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

function Facts({ campaign: c }: { campaign: CampaignDetail }) {
  const d = c.definition;
  const r = d.schedule?.recurring;
  const schedule = r
    ? r.frequency === 'weekly'
      ? t('campaigns.scheduleWeekly', { day: t(`campaigns.day.${r.dayOfWeek ?? 'monday'}`), time: r.time, timeZone: r.timeZone })
      : t('campaigns.scheduleDaily', { time: r.time, timeZone: r.timeZone })
    : d.schedule?.sendAt
      ? t('campaigns.scheduleAt')
      : t('campaigns.scheduleNow');
  return (
    <dl class="dash-meta campaign-facts">
      <div>
        <dt>{t('campaigns.vendor')}</dt>
        <dd>{c.vendorId}</dd>
      </div>
      <div>
        <dt>{t('campaigns.schedule')}</dt>
        <dd>
          {schedule} {d.schedule?.sendAt && !r ? <Time iso={d.schedule.sendAt} /> : null}
        </dd>
      </div>
      {c.nextRunAt ? (
        <div>
          <dt>{t('campaigns.nextRun')}</dt>
          <dd><Time iso={c.nextRunAt} /></dd>
        </div>
      ) : null}
      <div>
        <dt>{t('campaigns.pace')}</dt>
        <dd>{d.sendTimeOptimisation ? t('campaigns.bestHour') : d.pacePerMinute ? t('campaigns.perMinute', { count: d.pacePerMinute }) : t('campaigns.asFast')}</dd>
      </div>
      <div>
        <dt>{t('campaigns.quota')}</dt>
        <dd>{t('campaigns.quotaUsed', { used: count(c.quota.used), reserved: count(c.quota.reserved) })}</dd>
      </div>
      {c.finishedAt ? (
        <div>
          <dt>{t('campaigns.finished')}</dt>
          <dd><Time iso={c.finishedAt} /></dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Pause, resume and cancel, as the campaign's status allows; cancelling asks once more. */
function Controls({ campaign: c, onChanged }: { campaign: Campaign; onChanged: () => void }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  const [said, setSaid] = useState('');
  if (!isLive(c.status)) return null;
  const act = async (action: 'pause' | 'resume' | 'cancel') => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await client.request<Campaign | { campaign: Campaign; withdrawn: number; released: number }>('POST', `${campaignPath(c.campaignId)}/${action}`);
      setSaid(
        'withdrawn' in answer
          ? t('campaigns.cancelled', { withdrawn: count(answer.withdrawn), released: count(answer.released) })
          : action === 'pause'
            ? t('campaigns.paused')
            : t('campaigns.resumed'),
      );
      setConfirming(false);
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="campaign-controls">
      <div class="dash-head-actions">
        {c.status === 'paused' ? (
          <button type="button" onClick={() => act('resume')} disabled={busy}>{t('campaigns.resume')}</button>
        ) : c.status !== 'awaiting_winner' ? (
          <button type="button" class="secondary" onClick={() => act('pause')} disabled={busy}>{t('campaigns.pause')}</button>
        ) : null}
        {confirming ? (
          <>
            <button type="button" class="danger" onClick={() => act('cancel')} disabled={busy}>{t('campaigns.confirmCancel')}</button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)} disabled={busy}>{t('campaigns.keep')}</button>
          </>
        ) : (
          <button type="button" class="secondary" onClick={() => setConfirming(true)} disabled={busy}>{t('campaigns.cancel')}</button>
        )}
      </div>
      {confirming ? <p class="muted">{t('campaigns.cancelWarning')}</p> : null}
      <p class="ok dash-status" role="status">{said}</p>
      <ErrorNote error={error} />
    </div>
  );
}

/** The variants compared with the first (two-proportion z-test), and "declare winner" while nobody won yet. */
function AbTest({ campaign: c, onChanged }: { campaign: CampaignDetail; onChanged: (c: CampaignDetail) => void }) {
  const client = useClient();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const names = (c.definition.variants ?? []).map((v) => v.name).filter((n) => n !== HOLDBACK);
  const holdback = c.definition.variants?.find((v) => v.name === HOLDBACK)?.percent ?? 0;
  const open = !c.winner && c.status !== 'finished' && c.status !== 'cancelled';
  const declare = async (variant: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await client.request('POST', `${campaignPath(c.campaignId)}/winner`, { variant });
      setSaid(t('campaigns.winnerDeclared', { variant }));
      onChanged(await readCampaign(client, c.campaignId));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="dash-section" aria-labelledby="ab-title">
      <h2 id="ab-title">{t('campaigns.abTest')}</h2>
      <p class="muted">{holdback ? t('campaigns.abIntroHoldback', { percent: holdback }) : t('campaigns.abIntro')}</p>
      {c.winner ? <p class="notice">{t('campaigns.winnerIs', { variant: c.winner })}</p> : null}
      {c.significance.length === 0 ? (
        <p class="card">{t('campaigns.noSignificance')}</p>
      ) : (
        <div class="table-scroll card" tabIndex={0} role="region" aria-label={t('campaigns.significance')}>
          <table class="dash-table">
            <caption class="visually-hidden">{t('campaigns.significance')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('campaigns.variant')}</th>
                <th scope="col">{t('campaigns.metric')}</th>
                <th scope="col" class="num">{t('campaigns.rateControl')}</th>
                <th scope="col" class="num">{t('campaigns.rateVariant')}</th>
                <th scope="col" class="num">{t('campaigns.lift')}</th>
                <th scope="col" class="num">{t('campaigns.pValue')}</th>
                <th scope="col">{t('campaigns.verdict')}</th>
              </tr>
            </thead>
            <tbody>
              {c.significance.map((s) => (
                <tr key={`${s.variant} ${s.metric}`}>
                  <th scope="row">{t('campaigns.against', { variant: s.variant, control: s.against })}</th>
                  <td>{t(`campaigns.metricName.${s.metric}`, { defaultValue: s.metric })}</td>
                  <td class="num">{formatPercent(s.rateA)}</td>
                  <td class="num">{formatPercent(s.rateB)}</td>
                  <td class="num">{s.lift === null ? '–' : `${s.lift >= 0 ? '+' : ''}${(s.lift * 100).toFixed(1)}%`}</td>
                  <td class="num">{s.pValue < 0.001 ? '< 0.001' : s.pValue.toFixed(3)}</td>
                  <td>{s.significant ? t('campaigns.significant') : t('campaigns.notSignificant')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted campaign-method">{t('campaigns.method', { method: c.significance[0]!.method })}</p>
        </div>
      )}
      {open ? (
        <div class="dash-head-actions campaign-winner">
          {names.map((name) => (
            <button key={name} type="button" class="secondary" onClick={() => declare(name)} disabled={busy}>
              {t('campaigns.declareWinner', { variant: name })}
            </button>
          ))}
        </div>
      ) : null}
      <p class="ok dash-status" role="status">{said}</p>
      <ErrorNote error={error} />
    </section>
  );
}
