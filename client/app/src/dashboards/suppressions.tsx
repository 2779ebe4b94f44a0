import { useState } from 'preact/hooks';
import type { Suppression, SuppressionEvent, SuppressionEventPage, SuppressionPage } from '../../../sdk/index.ts';
import { useClient } from '../context.tsx';
import { ErrorNote, Loading, Time } from '../ui.tsx';
import { isForbidden, NotForYourRole, usePaged } from './common.tsx';

const pageSize = 50;
const channels = [
  { value: 'email', label: 'Email', address: 'Email address', hint: 'name@example.com' },
  { value: 'sms', label: 'SMS', address: 'Phone number', hint: '+14155550100' },
  { value: 'push', label: 'Push', address: 'Device token', hint: 'The token the app registered' },
  { value: 'whatsapp', label: 'WhatsApp', address: 'Phone number', hint: '+14155550100' },
] as const;
const reasons: Record<string, string> = {
  hard_bounce: 'Hard bounce',
  complaint: 'Spam complaint',
  stop: 'Sent STOP',
  manual: 'Added by hand',
  stale_token: 'Stale token',
  unregistered: 'Unregistered token',
};
const channelLabel = (c: string) => channels.find((x) => x.value === c)?.label ?? c;
const reasonLabel = (r: string) => reasons[r] ?? r;

/** The suppression list: operators see, filter, add and remove suppressed addresses, and read who changed what. */
export function SuppressionList() {
  const client = useClient();
  if (client.user.role !== 'operator') return <NotForYourRole title="Suppression list" what="The suppression list" />;
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
      setSaid(`${s.address} is off the list: ${channelLabel(s.channel)} sends to it again.`);
      trail.reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section class="page dash" aria-labelledby="suppressions-title">
      <div class="dash-head">
        <div>
          <h1 id="suppressions-title">Suppression list</h1>
          <p class="muted">Addresses no channel sends to: hard bounces, spam complaints, numbers that texted STOP, dead push tokens and those added by hand.</p>
        </div>
      </div>
      <AddForm
        onAdded={(s) => {
          setSaid(`${s.address} is suppressed for ${channelLabel(s.channel)}.`);
          list.reload();
          trail.reload();
        }}
      />
      <section class="dash-section" aria-labelledby="listed-title">
        <div class="dash-head">
          <h2 id="listed-title">Suppressed addresses</h2>
          <div class="dash-head-actions">
            <label class="inline" for="supp-channel">Channel</label>
            <select id="supp-channel" value={channel} onChange={(e) => setChannel(e.currentTarget.value)}>
              <option value="">All channels</option>
              {channels.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
            </select>
            <label class="inline" for="supp-reason">Reason</label>
            <select id="supp-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
              <option value="">All reasons</option>
              {Object.entries(reasons).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </div>
        </div>
        <p class="ok dash-status" role="status">{said}</p>
        <ErrorNote error={error} />
        {list.error ? isForbidden(list.error) ? <p class="error">The suppression list is not available for your role.</p> : <ErrorNote error={list.error} /> : null}
        {list.loading && list.items.length === 0 ? (
          <Loading what="Loading the suppression list" />
        ) : list.items.length === 0 && !list.error ? (
          <p class="card">Nothing is suppressed{channel || reason ? ' with these filters' : ''}.</p>
        ) : (
          <ul class="dash-list dash-dead" aria-label="Suppressed addresses">
            {list.items.map((s) => (
              <li key={`${s.channel}\n${s.address}`} class="card supp-item">
                <div>
                  <p class="dash-dead-title">
                    <strong class="supp-address">{s.address}</strong> · {channelLabel(s.channel)}
                  </p>
                  <p class="muted">
                    {reasonLabel(s.reason)} · since <Time iso={s.reportedAt ?? s.createdAt} />
                    {s.addedBy ? ` · by ${s.addedBy}` : ''}
                  </p>
                  {s.note ? <p class="muted">{s.note}</p> : null}
                </div>
                {s.reason === 'stop' ? (
                  <p class="muted supp-stop">Only the number's owner can lift a STOP, by {s.channel === 'whatsapp' ? 'sending START on WhatsApp' : 'texting START'}.</p>
                ) : (
                  <button type="button" class="secondary" onClick={() => remove(s)} aria-label={`Remove ${s.address} (${channelLabel(s.channel)}) from the list`}>
                    Remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {list.hasMore ? <button type="button" class="secondary" onClick={list.more} disabled={list.loading}>Show more</button> : null}
      </section>
      <section class="dash-section" aria-labelledby="trail-title">
        <h2 id="trail-title">Audit trail</h2>
        <p class="muted">Every address added to or removed from the list, newest first, with who or what did it.</p>
        {trail.error ? <ErrorNote error={trail.error} /> : null}
        {trail.items.length === 0 && !trail.loading ? (
          <p class="card">No changes yet.</p>
        ) : (
          <div class="table-scroll card" tabIndex={0} role="region" aria-labelledby="trail-title">
          <table class="dash-table supp-trail">
            <caption class="visually-hidden">Changes to the suppression list</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Change</th>
                <th scope="col">Address</th>
                <th scope="col">Reason</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {trail.items.map((e) => (
                <tr key={e.eventId}>
                  <td><Time iso={e.createdAt} /></td>
                  <td>{e.action === 'added' ? 'Added' : 'Removed'}</td>
                  <td class="supp-address">{e.address} ({channelLabel(e.channel)})</td>
                  <td>{reasonLabel(e.reason)}{e.note ? ` · ${e.note}` : ''}</td>
                  <td>{e.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
        {trail.hasMore ? <button type="button" class="secondary" onClick={trail.more} disabled={trail.loading}>Older changes</button> : null}
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
      <h2 id="supp-add-title">Suppress an address</h2>
      <div class="supp-fields">
        <label>
          Channel
          <select value={channel} onChange={(e) => setChannel(e.currentTarget.value as typeof channel)}>
            {channels.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select>
        </label>
        <label>
          {kind.address}
          <input required value={address} placeholder={kind.hint} onInput={(e) => setAddress(e.currentTarget.value)} />
        </label>
        <label>
          Note (optional)
          <input value={note} maxLength={500} placeholder="Why" onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </div>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy || !address.trim()}>{busy ? 'Adding…' : 'Add to the list'}</button>
    </form>
  );
}
