import { useState } from 'preact/hooks';
import type { ConsentRecord, UserConsents } from '../../../sdk/index.ts';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, Loading, formatTime } from '../ui.tsx';
import { t } from '../i18n.ts';

const channel = (c: ConsentRecord) => t(`consents.channel.${c.channel}`, { defaultValue: c.channel });

/** The words recorded with a change made here: what the person saw when they switched it. */
function shownText(c: ConsentRecord, granted: boolean): string {
  const who = c.vendorId ? t('consents.seller', { vendorId: c.vendorId }) : t('consents.marketplace');
  return t(granted ? 'consents.sendMe' : 'consents.stopSending', { who, channel: channel(c) });
}

/** "Promotional messages": the person's consent per vendor and channel, each one given or withdrawn with a switch. */
export function PromotionalConsents() {
  const client = useClient();
  const userId = client.user.userId;
  const consents = useAsync(() => client.request<UserConsents>('GET', `/users/${encodeURIComponent(userId)}/consents`), [client, userId]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState<string | null>(null);

  const toggle = async (c: ConsentRecord) => {
    const granted = !c.granted;
    setBusy(c.consentId);
    setError(null);
    try {
      await client.request('POST', `/users/${encodeURIComponent(userId)}/consents`, { vendorId: c.vendorId, channel: c.channel, granted, source: 'preferences', textShown: shownText(c, granted) });
      setSaid(t(granted ? 'consents.willReceive' : 'consents.wontReceive', { who: c.vendorId ?? t('consents.marketplace'), channel: channel(c) }));
      consents.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const current = consents.data?.current ?? [];
  return (
    <section class="prefs-devices" aria-labelledby="consents-title">
      <h2 id="consents-title">{t('consents.title')}</h2>
      <p class="muted">{t('consents.intro')}</p>
      <ErrorNote error={error ?? (consents.data ? null : consents.error)} />
      {consents.loading && !consents.data ? <Loading what={t('consents.loading')} /> : null}
      {consents.data && current.length === 0 ? <p class="muted">{t('consents.none')}</p> : null}
      {current.length ? (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('consents.from')}</th>
                <th scope="col">{t('consents.channelHeading')}</th>
                <th scope="col">{t('consents.since')}</th>
                <th scope="col">{t('consents.receive')}</th>
              </tr>
            </thead>
            <tbody>
              {current.map((c) => {
                const from = c.vendorId ? t('consents.Seller', { vendorId: c.vendorId }) : t('consents.Marketplace');
                const label = t('consents.label', { from, channel: channel(c) });
                return (
                  <tr key={c.consentId}>
                    <td>{from}</td>
                    <td>{channel(c)}</td>
                    <td>
                      <time dateTime={c.recordedAt}>{formatTime(c.recordedAt)}</time>
                    </td>
                    <td>
                      <label class="consent-switch">
                        <input type="checkbox" role="switch" checked={c.granted} disabled={busy !== null} aria-label={label} onChange={() => toggle(c)} />
                        <span>{c.granted ? t('consents.on') : t('consents.off')}</span>
                      </label>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {said ? (
        <p role="status" class="ok">
          {said}
        </p>
      ) : null}
    </section>
  );
}
