import { useState } from 'preact/hooks';
import { useClient } from '../context.tsx';
import { ErrorNote, Time } from '../ui.tsx';
import type { NotificationDelivery, NotificationStatus } from '../../../sdk/index.ts';
import { t } from '../i18n.ts';
import { channelName as nameOf } from '../notifications/labels.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a click or open was a machine's: `lookup.machineWhy.<reason>`. */
const machineWhy = (reason: string | null | undefined) => t(`lookup.machineWhy.${reason ?? ''}`, { defaultValue: reason ?? '' });

/** One notification's deliveries, each with its status, first open and click, and every click: the operator looks one up by its requestId. */
export function NotificationLookup() {
  const client = useClient();
  const [requestId, setRequestId] = useState('');
  const [found, setFound] = useState<NotificationStatus | null>(null);
  const [error, setError] = useState<unknown>();
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);

  async function lookUp(event: Event) {
    event.preventDefault();
    const id = requestId.trim();
    setProblem('');
    setError(undefined);
    if (!uuid.test(id)) {
      setProblem(t('lookup.badId'));
      return;
    }
    setBusy(true);
    try {
      setFound(await client.notificationStatus(id));
    } catch (e) {
      setFound(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="dash-section" aria-labelledby="lookup-title">
      <h2 id="lookup-title">{t('lookup.title')}</h2>
      <form class="dash-lookup" onSubmit={lookUp}>
        <label for="lookup-id">{t('lookup.requestId')}</label>
        <input id="lookup-id" name="requestId" value={requestId} onInput={(e) => setRequestId(e.currentTarget.value)} aria-describedby={problem ? 'lookup-problem' : undefined} autocomplete="off" spellcheck={false} />
        <button type="submit" disabled={busy}>
          {busy ? t('lookup.lookingUp') : t('lookup.lookUp')}
        </button>
      </form>
      {problem ? (
        <p id="lookup-problem" class="error">
          {problem}
        </p>
      ) : null}
      <ErrorNote error={error} />
      {found ? (
        <div aria-live="polite">
          <p class="muted">
            {t('lookup.summary', { type: found.notificationType, userId: found.userId })} <Time iso={found.acceptedAt} />
          </p>
          <ul class="dash-list" aria-label={t('lookup.deliveries')}>
            {found.deliveries.map((d) => (
              <DeliveryCard key={d.logId} delivery={d} />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function DeliveryCard({ delivery: d }: { delivery: NotificationDelivery }) {
  const clicks = d.engagement.clicks;
  const people = clicks.filter((c) => !c.machine).length;
  return (
    <li class="card dash-delivery">
      <h3 class="dash-delivery-title">
        {nameOf(d.channel)} <span class="pill closed">{d.status}</span>
      </h3>
      <dl class="dash-facts">
        <dt>{t('lookup.sent')}</dt>
        <dd>{d.sendTime ? <Time iso={d.sendTime} /> : t('lookup.notYet')}</dd>
        <dt>{t('lookup.opened')}</dt>
        <dd>
          {d.openedAt ? <Time iso={d.openedAt} /> : t('lookup.notByPerson')} ({t('lookup.opens', { count: d.engagement.opens })}
          {d.engagement.machineOpens ? t('lookup.machineOpens', { count: d.engagement.machineOpens }) : ''})
        </dd>
        <dt>{t('lookup.clicked')}</dt>
        <dd>
          {d.clickedAt ? <Time iso={d.clickedAt} /> : t('lookup.notByPerson')} ({t('lookup.clicks', { count: people })}
          {clicks.length - people ? t('lookup.machineClicks', { count: clicks.length - people }) : ''})
        </dd>
      </dl>
      {clicks.length ? (
        <table class="dash-table dash-clicks">
          <caption class="visually-hidden">{t('lookup.clicksOf', { channel: nameOf(d.channel) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lookup.when')}</th>
              <th scope="col">{t('lookup.link')}</th>
              <th scope="col">{t('lookup.by')}</th>
            </tr>
          </thead>
          <tbody>
            {clicks.map((c, i) => (
              <tr key={i}>
                <td class="nowrap">
                  <Time iso={c.at} />
                </td>
                <td class="dash-url">{c.url ?? (c.source === 'app' ? t('lookup.byApp') : '–')}</td>
                <td>{c.machine ? t('lookup.machine', { why: machineWhy(c.machineReason) }) : t('lookup.person')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}
