import { useState } from 'preact/hooks';
import type { ConsentRecord, UserConsents } from '../../../sdk/index.ts';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, Loading, formatTime } from '../ui.tsx';

const channelNames: Record<string, string> = { email: 'Email', sms: 'SMS', push: 'Push', 'in-app': 'In the app', whatsapp: 'WhatsApp' };

/** The words recorded with a change made here: what the person saw when they switched it. */
function shownText(c: ConsentRecord, granted: boolean): string {
  const who = c.vendorId ? `seller ${c.vendorId}` : 'the marketplace';
  return `${granted ? 'Send me' : 'Stop sending me'} promotional messages from ${who} by ${channelNames[c.channel] ?? c.channel}.`;
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
      setSaid(`${granted ? 'You will receive' : 'You will no longer receive'} promotional messages from ${c.vendorId ?? 'the marketplace'} by ${channelNames[c.channel] ?? c.channel}.`);
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
      <h2 id="consents-title">Promotional messages</h2>
      <p class="muted">Sellers and the marketplace may send you offers only where you agreed to them. Switch any of them off, or back on, here.</p>
      <ErrorNote error={error ?? (consents.data ? null : consents.error)} />
      {consents.loading && !consents.data ? <Loading what="Loading your consents" /> : null}
      {consents.data && current.length === 0 ? <p class="muted">You have not agreed to promotional messages from anyone.</p> : null}
      {current.length ? (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Channel</th>
                <th scope="col">Since</th>
                <th scope="col">Receive</th>
              </tr>
            </thead>
            <tbody>
              {current.map((c) => {
                const from = c.vendorId ? `Seller ${c.vendorId}` : 'The marketplace';
                const label = `Promotional messages from ${from} by ${channelNames[c.channel] ?? c.channel}`;
                return (
                  <tr key={c.consentId}>
                    <td>{from}</td>
                    <td>{channelNames[c.channel] ?? c.channel}</td>
                    <td>
                      <time dateTime={c.recordedAt}>{formatTime(c.recordedAt)}</time>
                    </td>
                    <td>
                      <label class="consent-switch">
                        <input type="checkbox" role="switch" checked={c.granted} disabled={busy !== null} aria-label={label} onChange={() => toggle(c)} />
                        <span>{c.granted ? 'On' : 'Off'}</span>
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
