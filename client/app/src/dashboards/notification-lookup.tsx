import { useState } from 'preact/hooks';
import { useClient } from '../context.tsx';
import { ErrorNote, Time } from '../ui.tsx';
import type { NotificationDelivery, NotificationStatus } from '../../../sdk/index.ts';
import { plural } from './common.tsx';

const channelName: Record<string, string> = { email: 'Email', sms: 'SMS', push: 'Push', 'in-app': 'In-app', webhook: 'Webhook', whatsapp: 'WhatsApp' };
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const machineWhy: Record<string, string> = {
  head_request: 'a HEAD request',
  privacy_proxy: 'a mail privacy proxy',
  scanner_agent: 'a security scanner or link checker',
  too_soon: 'within 2 s of sending',
  link_sweep: 'every link at once',
};

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
      setProblem('Enter the requestId the notification was sent with: a UUID such as 0193c0de-7a1b-7c2d-8e3f-0123456789ab.');
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
      <h2 id="lookup-title">Look up a notification</h2>
      <form class="dash-lookup" onSubmit={lookUp}>
        <label for="lookup-id">Request id</label>
        <input id="lookup-id" name="requestId" value={requestId} onInput={(e) => setRequestId(e.currentTarget.value)} aria-describedby={problem ? 'lookup-problem' : undefined} autocomplete="off" spellcheck={false} />
        <button type="submit" disabled={busy}>
          {busy ? 'Looking up…' : 'Look up'}
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
            {found.notificationType} to {found.userId} · accepted <Time iso={found.acceptedAt} />
          </p>
          <ul class="dash-list" aria-label="Deliveries">
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
        {channelName[d.channel] ?? d.channel} <span class="pill closed">{d.status}</span>
      </h3>
      <dl class="dash-facts">
        <dt>Sent</dt>
        <dd>{d.sendTime ? <Time iso={d.sendTime} /> : 'Not yet'}</dd>
        <dt>Opened</dt>
        <dd>
          {d.openedAt ? <Time iso={d.openedAt} /> : 'Not by a person'} ({plural(d.engagement.opens, 'open')}
          {d.engagement.machineOpens ? `; ${plural(d.engagement.machineOpens, 'machine open')} not counted` : ''})
        </dd>
        <dt>Clicked</dt>
        <dd>
          {d.clickedAt ? <Time iso={d.clickedAt} /> : 'Not by a person'} ({plural(people, 'click')}
          {clicks.length - people ? `; ${plural(clicks.length - people, 'machine click')} not counted` : ''})
        </dd>
      </dl>
      {clicks.length ? (
        <table class="dash-table dash-clicks">
          <caption class="visually-hidden">Clicks of the {channelName[d.channel] ?? d.channel} delivery</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Link</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {clicks.map((c, i) => (
              <tr key={i}>
                <td class="nowrap">
                  <Time iso={c.at} />
                </td>
                <td class="dash-url">{c.url ?? (c.source === 'app' ? 'Reported by the app' : '–')}</td>
                <td>{c.machine ? `A machine (${machineWhy[c.machineReason ?? ''] ?? c.machineReason})` : 'A person'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}
