import { useState } from 'preact/hooks';
import type { Suppression, SuppressionEvent, SuppressionEventPage, SuppressionPage } from '../../../sdk/index.ts';
import { useClient } from '../context.tsx';
import { ErrorNote, Loading, Time } from '../ui.tsx';
import { isForbidden, NotForYourRole, usePaged } from './common.tsx';
import { t } from '../i18n.ts';

const pageSize = 50;
/** Each channel's name, address and hint are `suppressions.channel.<value>.*`. */
const channels = [{ value: 'email' }, { value: 'sms' }, { value: 'push' }, { value: 'whatsapp' }] as const;
const reasons = ['hard_bounce', 'complaint', 'stop', 'manual', 'stale_token', 'unregistered'];
const channelLabel = (c: string) => t(`suppressions.channel.${c}.label`, { defaultValue: c });
const reasonLabel = (r: string) => t(`suppressions.reason.${r}`, { defaultValue: r });

/** The suppression list: operators see, filter, add and remove suppressed addresses, and read who changed what. */
export function SuppressionList() {
  const client = useClient();
  if (client.user.role !== 'operator') return <NotForYourRole title={t('suppressions.title')} what={t('suppressions.what')} />;
  return <SuppressionPageView />;
}

function SuppressionPageView() {
  const client = useClient();
  const [channel, setChannel] = useState('');
  const [reason, setReason] = useState('');
  const [said, setSaid] = useState('');
  const [error, setError] = useState<unknown>();
  const list = usePaged<Suppression>(async (cursor) => {
    const page = await client.request<SuppressionPage>('GET', '/suppressions', undefined, { channel: channel || undefined, reason: reason || undefined, cursor, limit: pageSize });
    return { items: page.suppressions, next: page.nextCursor };
  }, [client, channel, reason]);
  const trail = usePaged<SuppressionEvent>(async (cursor) => {
    const page = await client.request<SuppressionEventPage>('GET', '/suppressions/events', undefined, { cursor, limit: 20 });
    return { items: page.events, next: page.nextCursor };
  }, [client]);

  async function remove(s: Suppression) {
    setError(undefined);
    setSaid('');
    try {
      await client.request('DELETE', `/suppressions/${s.channel}/${encodeURIComponent(s.address)}`);
      list.update((items) => items.filter((x) => !(x.channel === s.channel && x.address === s.address)));
      setSaid(t('suppressions.removed', { address: s.address, channel: channelLabel(s.channel) }));
      trail.reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section class="page dash" aria-labelledby="suppressions-title">
      <div class="dash-head">
        <div>
          <h1 id="suppressions-title">{t('suppressions.title')}</h1>
          <p class="muted">{t('suppressions.intro')}</p>
        </div>
      </div>
      <AddForm
        onAdded={(s) => {
          setSaid(t('suppressions.added', { address: s.address, channel: channelLabel(s.channel) }));
          list.reload();
          trail.reload();
        }}
      />
      <section class="dash-section" aria-labelledby="listed-title">
        <div class="dash-head">
          <h2 id="listed-title">{t('suppressions.listed')}</h2>
          <div class="dash-head-actions">
            <label class="inline" for="supp-channel">{t('suppressions.channelLabel')}</label>
            <select id="supp-channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value)}>
              <option value="">{t('suppressions.allChannels')}</option>
              {channels.map((c) => <option key={c.value} value={c.value}>{channelLabel(c.value)}</option>)}
            </select>
            <label class="inline" for="supp-reason">{t('suppressions.reasonLabel')}</label>
            <select id="supp-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
              <option value="">{t('suppressions.allReasons')}</option>
              {reasons.map((value) => <option key={value} value={value}>{reasonLabel(value)}</option>)}
            </select>
          </div>
        </div>
        <p class="ok dash-status" role="status">{said}</p>
        <ErrorNote error={error} />
        {list.error ? isForbidden(list.error) ? <p class="error">{t('dash.notForRole', { what: t('suppressions.what') })}</p> : <ErrorNote error={list.error} /> : null}
        {list.loading && list.items.length === 0 ? (
          <Loading what={t('suppressions.loading')} />
        ) : list.items.length === 0 && !list.error ? (
          <p class="card">{channel || reason ? t('suppressions.noneFiltered') : t('suppressions.none')}</p>
        ) : (
          <ul class="dash-list dash-dead" aria-label={t('suppressions.listed')}>
            {list.items.map((s) => (
              <li key={`${s.channel}\n${s.address}`} class="card supp-item">
                <div>
                  <p class="dash-dead-title">
                    <strong class="supp-address">{s.address}</strong> · {channelLabel(s.channel)}
                  </p>
                  <p class="muted">
                    {reasonLabel(s.reason)} · {t('suppressions.since')} <Time iso={s.reportedAt ?? s.createdAt} />
                    {s.addedBy ? ` · ${t('suppressions.by', { who: s.addedBy })}` : ''}
                  </p>
                  {s.note ? <p class="muted">{s.note}</p> : null}
                </div>
                {s.reason === 'stop' ? (
                  <p class="muted supp-stop">{s.channel === 'whatsapp' ? t('suppressions.stopWhatsapp') : t('suppressions.stopSms')}</p>
                ) : (
                  <button type="button" class="secondary" onClick={() => remove(s)} aria-label={t('suppressions.removeLabel', { address: s.address, channel: channelLabel(s.channel) })}>
                    {t('common.remove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {list.hasMore ? <button type="button" class="secondary" onClick={list.more} disabled={list.loading}>{t('suppressions.more')}</button> : null}
      </section>
      <section class="dash-section" aria-labelledby="trail-title">
        <h2 id="trail-title">{t('suppressions.trail')}</h2>
        <p class="muted">{t('suppressions.trailIntro')}</p>
        {trail.error ? <ErrorNote error={trail.error} /> : null}
        {trail.items.length === 0 && !trail.loading ? (
          <p class="card">{t('suppressions.noChanges')}</p>
        ) : (
          <div class="table-scroll card" tabIndex={0} role="region" aria-labelledby="trail-title">
          <table class="dash-table supp-trail">
            <caption class="visually-hidden">{t('suppressions.changes')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('suppressions.col.when')}</th>
                <th scope="col">{t('suppressions.col.change')}</th>
                <th scope="col">{t('suppressions.col.address')}</th>
                <th scope="col">{t('suppressions.reasonLabel')}</th>
                <th scope="col">{t('suppressions.col.by')}</th>
              </tr>
            </thead>
            <tbody>
              {trail.items.map((e) => (
                <tr key={e.eventId}>
                  <td><Time iso={e.createdAt} /></td>
                  <td>{e.action === 'added' ? t('suppressions.action.added') : t('suppressions.action.removed')}</td>
                  <td class="supp-address">{e.address} ({channelLabel(e.channel)})</td>
                  <td>{reasonLabel(e.reason)}{e.note ? ` · ${e.note}` : ''}</td>
                  <td>{e.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
        {trail.hasMore ? <button type="button" class="secondary" onClick={trail.more} disabled={trail.loading}>{t('suppressions.older')}</button> : null}
      </section>
    </section>
  );
}

function AddForm({ onAdded }: { onAdded: (s: Suppression) => void }) {
  const client = useClient();
  const [channel, setChannel] = useState<(typeof channels)[number]['value']>('email');
  const [address, setAddress] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const kind = channels.find((c) => c.value === channel)!;

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const added = await client.request<Suppression>('POST', '/suppressions', { channel, address: address.trim(), ...(note.trim() ? { note: note.trim() } : {}) });
      setAddress('');
      setNote('');
      onAdded(added);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card supp-add" onSubmit={submit} aria-labelledby="supp-add-title">
      <h2 id="supp-add-title">{t('suppressions.add')}</h2>
      <div class="supp-fields">
        <label>
          {t('suppressions.channelLabel')}
          <select value={channel} onChange={(e) => setChannel(e.currentTarget.value as typeof channel)}>
            {channels.map((c) => <option key={c.value} value={c.value}>{channelLabel(c.value)}</option>)}
          </select>
        </label>
        <label>
          {t(`suppressions.channel.${kind.value}.address`)}
          <input required value={address} placeholder={t(`suppressions.channel.${kind.value}.hint`)} onInput={(e) => setAddress(e.currentTarget.value)} />
        </label>
        <label>
          {t('suppressions.note')}
          <input value={note} maxLength={500} placeholder={t('suppressions.why')} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </div>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy || !address.trim()}>{busy ? t('suppressions.adding') : t('suppressions.addButton')}</button>
    </form>
  );
}
