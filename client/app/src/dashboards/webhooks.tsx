import { useEffect, useState } from 'preact/hooks';
import type { WebhookDelivery, WebhookDeliveryPage, WebhookEndpoint, WebhookEndpointList, WebhookEndpointWithSecret } from '../../../sdk/index.ts';
import { useClient } from '../context.tsx';
import { ErrorNote, Loading, Time } from '../ui.tsx';
import { NotForYourRole, isForbidden, usePaged } from './common.tsx';

const families = [
  { name: 'Messages and conversations', types: ['message.created', 'conversation.created'] },
  { name: 'Orders', types: ['order.placed', 'order.paid', 'order.shipped', 'order.delivered', 'order.cancelled', 'order.refunded'] },
  { name: 'Disputes', types: ['dispute.opened', 'dispute.assigned', 'dispute.status_changed', 'dispute.resolved'] },
  { name: 'Notifications', types: ['notification.delivered', 'notification.opened', 'notification.clicked', 'notification.failed', 'notification.dead_lettered'] },
];
const statusLabel: Record<string, string> = { pending: 'Waiting to retry', delivered: 'Delivered', failed: 'Failed' };

/** Event webhooks: an operator (every event) or a seller (their own) registers endpoints and reads each one's delivery log. */
export function WebhooksPage() {
  const client = useClient();
  const role = client.user.role;
  if (role !== 'operator' && role !== 'seller') return <NotForYourRole title="Webhooks" what="The webhooks page" />;
  return <WebhooksView />;
}

function WebhooksView() {
  const client = useClient();
  const [endpoints, setEndpoints] = useState<WebhookEndpoint[] | null>(null);
  const [error, setError] = useState<unknown>();
  const [said, setSaid] = useState('');
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  const load = () =>
    client.request<WebhookEndpointList>('GET', '/webhook-endpoints').then(
      (list) => setEndpoints(list.endpoints),
      (e: unknown) => setError(e),
    );
  useEffect(() => void load(), [client]);

  async function act(run: () => Promise<string>) {
    setError(undefined);
    setSaid('');
    try {
      setSaid(await run());
      await load();
    } catch (e) {
      setError(e);
    }
  }

  const rotate = (e: WebhookEndpoint) =>
    act(async () => {
      const rotated = await client.request<WebhookEndpointWithSecret>('POST', `/webhook-endpoints/${e.endpointId}/rotate-secret`);
      setSecret({ url: rotated.url, secret: rotated.secret });
      return `A new secret signs events to ${e.url}; the old one also signs them until ${new Date(rotated.rotationEndsAt ?? Date.now()).toLocaleString()}.`;
    });
  const toggle = (e: WebhookEndpoint) =>
    act(async () => {
      await client.request('PATCH', `/webhook-endpoints/${e.endpointId}`, { enabled: !e.enabled });
      return e.enabled ? `Events to ${e.url} are paused; they wait until you enable it.` : `${e.url} is enabled: the events that waited are sent now.`;
    });
  const remove = (e: WebhookEndpoint) =>
    act(async () => {
      await client.request('DELETE', `/webhook-endpoints/${e.endpointId}`);
      if (selected === e.endpointId) setSelected(null);
      return `${e.url} is deleted with its delivery log.`;
    });

  if (error && isForbidden(error)) return <NotForYourRole title="Webhooks" what="The webhooks page" reason={(error as Error).message} />;
  const shown = endpoints?.find((e) => e.endpointId === selected);
  return (
    <section class="page dash" aria-labelledby="webhooks-title">
      <div class="dash-head">
        <div>
          <h1 id="webhooks-title">Webhooks</h1>
          <p class="muted">
            {client.user.role === 'operator' ? 'Send every event to your CRM or helpdesk.' : 'Send the events of your own conversations and orders to your CRM or helpdesk.'} Each request is signed the
            Standard Webhooks way; failed deliveries are retried for about a day.
          </p>
        </div>
      </div>
      <RegisterForm
        onRegistered={(created) => {
          setSecret({ url: created.url, secret: created.secret });
          setSaid(`${created.url} is registered.`);
          void load();
        }}
      />
      <p class="ok dash-status" role="status">{said}</p>
      {secret ? (
        <div class="card webhook-secret" role="region" aria-label="Signing secret">
          <p>
            The signing secret for {secret.url}. Copy it now: it is not shown again.
          </p>
          <code>{secret.secret}</code>
        </div>
      ) : null}
      <ErrorNote error={error} />
      <section class="dash-section" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Endpoints</h2>
        {endpoints === null ? (
          <Loading what="Loading the endpoints" />
        ) : endpoints.length === 0 ? (
          <p class="card">No endpoints yet.</p>
        ) : (
          <ul class="dash-list" aria-label="Webhook endpoints">
            {endpoints.map((e) => (
              <li key={e.endpointId} class="card webhook-item">
                <div>
                  <p>
                    <strong class="supp-address">{e.url}</strong>
                    {e.description ? ` · ${e.description}` : ''}
                  </p>
                  <p class="muted">
                    {e.enabled ? (e.failingSince ? <>Enabled · failing since <Time iso={e.failingSince} /></> : 'Enabled') : e.disabledReason === 'failing' ? <>Disabled: it failed for a day (since <Time iso={e.failingSince} />)</> : 'Paused'}
                    {client.user.role === 'operator' ? ` · ${e.sellerId ? `seller ${e.sellerId}` : 'all events'}` : ''}
                  </p>
                  <p class="muted">{e.eventTypes.join(', ')}</p>
                </div>
                <div class="webhook-actions">
                  <button type="button" class="secondary" aria-pressed={selected === e.endpointId} onClick={() => setSelected(selected === e.endpointId ? null : e.endpointId)} aria-label={`Delivery log of ${e.url}`}>
                    Delivery log
                  </button>
                  <button type="button" class="secondary" onClick={() => toggle(e)} aria-label={`${e.enabled ? 'Pause' : 'Enable'} ${e.url}`}>{e.enabled ? 'Pause' : 'Enable'}</button>
                  <button type="button" class="secondary" onClick={() => rotate(e)} aria-label={`Rotate secret of ${e.url}`}>Rotate secret</button>
                  <button type="button" class="secondary" onClick={() => remove(e)} aria-label={`Delete ${e.url}`}>Delete</button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {shown ? <DeliveryLog key={shown.endpointId} endpoint={shown} onReplayed={(n) => setSaid(n === 1 ? 'One delivery is sent again.' : `${n} deliveries are sent again.`)} /> : null}
    </section>
  );
}

function RegisterForm({ onRegistered }: { onRegistered: (created: WebhookEndpointWithSecret) => void }) {
  const client = useClient();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<Set<string>>(new Set(['message.created', 'order.placed']));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const flip = (type: string) =>
    setTypes((current) => {
      const next = new Set(current);
      if (next.has(type)) next.delete(type);
      else next.add(type);
      return next;
    });

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await client.request<WebhookEndpointWithSecret>('POST', '/webhook-endpoints', { url: url.trim(), eventTypes: [...types], ...(description.trim() ? { description: description.trim() } : {}) });
      setUrl('');
      setDescription('');
      onRegistered(created);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card supp-add" onSubmit={submit} aria-labelledby="webhook-add-title">
      <h2 id="webhook-add-title">Register an endpoint</h2>
      <div class="supp-fields">
        <label>
          URL
          <input required type="url" value={url} placeholder="https://crm.example.com/parley" onInput={(e) => setUrl(e.currentTarget.value)} />
        </label>
        <label>
          Description (optional)
          <input value={description} maxLength={500} onInput={(e) => setDescription(e.currentTarget.value)} />
        </label>
      </div>
      <div class="webhook-types">
        {families.map((f) => (
          <fieldset key={f.name}>
            <legend>{f.name}</legend>
            {f.types.map((t) => (
              <label key={t} class="inline">
                <input type="checkbox" checked={types.has(t)} onChange={() => flip(t)} /> {t}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy || !url.trim() || types.size === 0}>{busy ? 'Registering…' : 'Register'}</button>
    </form>
  );
}

function DeliveryLog({ endpoint, onReplayed }: { endpoint: WebhookEndpoint; onReplayed: (n: number) => void }) {
  const client = useClient();
  const [error, setError] = useState<unknown>();
  const log = usePaged<WebhookDelivery>(async (cursor) => {
    const page = await client.request<WebhookDeliveryPage>('GET', `/webhook-endpoints/${endpoint.endpointId}/deliveries`, undefined, { cursor, limit: 50 });
    return { items: page.deliveries, next: page.nextCursor };
  }, [client, endpoint.endpointId]);

  async function replay() {
    setError(undefined);
    try {
      const { replayed } = await client.request<{ replayed: number }>('POST', `/webhook-endpoints/${endpoint.endpointId}/replay`, { since: new Date(Date.now() - 86_400_000).toISOString(), onlyFailed: true });
      onReplayed(replayed);
      log.reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section class="dash-section" aria-labelledby="webhook-log-title">
      <div class="dash-head">
        <h2 id="webhook-log-title">Delivery log of {endpoint.url}</h2>
        <div class="dash-head-actions">
          <button type="button" class="secondary" onClick={() => log.reload()}>Refresh</button>
          <button type="button" class="secondary" onClick={replay}>Send failed deliveries of the last day again</button>
        </div>
      </div>
      <ErrorNote error={error ?? log.error} />
      {log.loading && log.items.length === 0 ? (
        <Loading what="Loading the delivery log" />
      ) : log.items.length === 0 ? (
        <p class="card">Nothing was sent to this endpoint yet.</p>
      ) : (
        <div class="table-scroll card" tabIndex={0} role="region" aria-labelledby="webhook-log-title">
          <table class="dash-table supp-trail">
            <caption class="visually-hidden">Deliveries to {endpoint.url}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Created</th>
                <th scope="col">Next attempt</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((d) => (
                <tr key={d.deliveryId}>
                  <td>
                    {d.eventType}
                    <br />
                    <span class="muted">{d.eventId}</span>
                  </td>
                  <td>{statusLabel[d.status] ?? d.status}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastStatus !== null ? `HTTP ${d.lastStatus}` : d.lastError ?? '—'}{d.lastDetail ? ` · ${d.lastDetail}` : ''}</td>
                  <td><Time iso={d.createdAt} /></td>
                  <td>{d.nextAttemptAt ? <Time iso={d.nextAttemptAt} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {log.hasMore ? <button type="button" class="secondary" onClick={log.more} disabled={log.loading}>Older deliveries</button> : null}
    </section>
  );
}
