import { useEffect, useState } from 'preact/hooks';
import type { WebhookDelivery, WebhookDeliveryPage, WebhookEndpoint, WebhookEndpointList, WebhookEndpointWithSecret } from '../../../sdk/index.ts';
import { useClient } from '../context.tsx';
import { ErrorNote, Loading, Time } from '../ui.tsx';
import { NotForYourRole, isForbidden, usePaged } from './common.tsx';
import { t } from '../i18n.ts';

/** Event types by family; the family's name is `webhooks.family.<id>`. */
const families = [
  { id: 'messages', types: ['message.created', 'conversation.created'] },
  { id: 'orders', types: ['order.placed', 'order.paid', 'order.shipped', 'order.delivered', 'order.cancelled', 'order.refunded'] },
  { id: 'disputes', types: ['dispute.opened', 'dispute.assigned', 'dispute.status_changed', 'dispute.resolved'] },
  { id: 'notifications', types: ['notification.delivered', 'notification.opened', 'notification.clicked', 'notification.failed', 'notification.dead_lettered'] },
];
const statusLabel = (status: string) => t(`webhooks.status.${status}`, { defaultValue: status });

/** Event webhooks: an operator (every event) or a seller (their own) registers endpoints and reads each one's delivery log. */
export function WebhooksPage() {
  const client = useClient();
  const role = client.user.role;
  if (role !== 'operator' && role !== 'seller') return <NotForYourRole title={t('webhooks.title')} what={t('webhooks.page')} />;
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
      return t('webhooks.rotated', { url: e.url, until: new Date(rotated.rotationEndsAt ?? Date.now()).toLocaleString() });
    });
  const toggle = (e: WebhookEndpoint) =>
    act(async () => {
      await client.request('PATCH', `/webhook-endpoints/${e.endpointId}`, { enabled: !e.enabled });
      return e.enabled ? t('webhooks.paused', { url: e.url }) : t('webhooks.enabledNow', { url: e.url });
    });
  const remove = (e: WebhookEndpoint) =>
    act(async () => {
      await client.request('DELETE', `/webhook-endpoints/${e.endpointId}`);
      if (selected === e.endpointId) setSelected(null);
      return t('webhooks.deleted', { url: e.url });
    });

  if (error && isForbidden(error)) return <NotForYourRole title={t('webhooks.title')} what={t('webhooks.page')} reason={(error as Error).message} />;
  const shown = endpoints?.find((e) => e.endpointId === selected);
  return (
    <section class="page dash" aria-labelledby="webhooks-title">
      <div class="dash-head">
        <div>
          <h1 id="webhooks-title">{t('webhooks.title')}</h1>
          <p class="muted">
            {client.user.role === 'operator' ? t('webhooks.introOperator') : t('webhooks.introSeller')} {t('webhooks.introSigned')}
          </p>
        </div>
      </div>
      <RegisterForm
        onRegistered={(created) => {
          setSecret({ url: created.url, secret: created.secret });
          setSaid(t('webhooks.registered', { url: created.url }));
          void load();
        }}
      />
      <p class="ok dash-status" role="status">{said}</p>
      {secret ? (
        <div class="card webhook-secret" role="region" aria-label={t('webhooks.secret')}>
          <p>{t('webhooks.secretFor', { url: secret.url })}</p>
          <code>{secret.secret}</code>
        </div>
      ) : null}
      <ErrorNote error={error} />
      <section class="dash-section" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">{t('webhooks.endpoints')}</h2>
        {endpoints === null ? (
          <Loading what={t('webhooks.loading')} />
        ) : endpoints.length === 0 ? (
          <p class="card">{t('webhooks.none')}</p>
        ) : (
          <ul class="dash-list" aria-label={t('webhooks.list')}>
            {endpoints.map((e) => (
              <li key={e.endpointId} class="card webhook-item">
                <div>
                  <p>
                    <strong class="supp-address">{e.url}</strong>
                    {e.description ? ` · ${e.description}` : ''}
                  </p>
                  <p class="muted">
                    {e.enabled ? (
                      e.failingSince ? (
                        <>
                          {t('webhooks.failingSince')} <Time iso={e.failingSince} />
                        </>
                      ) : (
                        t('webhooks.enabled')
                      )
                    ) : e.disabledReason === 'failing' ? (
                      <>
                        {t('webhooks.disabledFailing')} <Time iso={e.failingSince} />)
                      </>
                    ) : (
                      t('webhooks.pausedState')
                    )}
                    {client.user.role === 'operator' ? ` · ${e.sellerId ? t('webhooks.seller', { sellerId: e.sellerId }) : t('webhooks.allEvents')}` : ''}
                  </p>
                  <p class="muted">{e.eventTypes.join(', ')}</p>
                </div>
                <div class="webhook-actions">
                  <button type="button" class="secondary" aria-pressed={selected === e.endpointId} onClick={() => setSelected(selected === e.endpointId ? null : e.endpointId)} aria-label={t('webhooks.logOf', { url: e.url })}>
                    {t('webhooks.log')}
                  </button>
                  <button type="button" class="secondary" onClick={() => toggle(e)} aria-label={t(e.enabled ? 'webhooks.pauseUrl' : 'webhooks.enableUrl', { url: e.url })}>{e.enabled ? t('webhooks.pause') : t('webhooks.enable')}</button>
                  <button type="button" class="secondary" onClick={() => rotate(e)} aria-label={t('webhooks.rotateUrl', { url: e.url })}>{t('webhooks.rotate')}</button>
                  <button type="button" class="secondary" onClick={() => remove(e)} aria-label={t('webhooks.deleteUrl', { url: e.url })}>{t('webhooks.delete')}</button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {shown ? <DeliveryLog key={shown.endpointId} endpoint={shown} onReplayed={(n) => setSaid(t('webhooks.replayed', { count: n }))} /> : null}
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
      <h2 id="webhook-add-title">{t('webhooks.register')}</h2>
      <div class="supp-fields">
        <label>
          {t('webhooks.url')}
          <input required type="url" value={url} placeholder="https://crm.example.com/parley" onInput={(e) => setUrl(e.currentTarget.value)} />
        </label>
        <label>
          {t('webhooks.description')}
          <input value={description} maxLength={500} onInput={(e) => setDescription(e.currentTarget.value)} />
        </label>
      </div>
      <div class="webhook-types">
        {families.map((f) => (
          <fieldset key={f.id}>
            <legend>{t(`webhooks.family.${f.id}`)}</legend>
            {f.types.map((type) => (
              <label key={type} class="inline">
                <input type="checkbox" checked={types.has(type)} onChange={() => flip(type)} /> {type}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy || !url.trim() || types.size === 0}>{busy ? t('webhooks.registering') : t('webhooks.registerButton')}</button>
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
        <h2 id="webhook-log-title">{t('webhooks.logOf', { url: endpoint.url })}</h2>
        <div class="dash-head-actions">
          <button type="button" class="secondary" onClick={() => log.reload()}>{t('webhooks.refresh')}</button>
          <button type="button" class="secondary" onClick={replay}>{t('webhooks.replay')}</button>
        </div>
      </div>
      <ErrorNote error={error ?? log.error} />
      {log.loading && log.items.length === 0 ? (
        <Loading what={t('webhooks.loadingLog')} />
      ) : log.items.length === 0 ? (
        <p class="card">{t('webhooks.nothingSent')}</p>
      ) : (
        <div class="table-scroll card" tabIndex={0} role="region" aria-labelledby="webhook-log-title">
          <table class="dash-table supp-trail">
            <caption class="visually-hidden">{t('webhooks.caption', { url: endpoint.url })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('webhooks.col.event')}</th>
                <th scope="col">{t('webhooks.col.status')}</th>
                <th scope="col">{t('webhooks.col.attempts')}</th>
                <th scope="col">{t('webhooks.col.lastAnswer')}</th>
                <th scope="col">{t('webhooks.col.created')}</th>
                <th scope="col">{t('webhooks.col.next')}</th>
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
                  <td>{statusLabel(d.status)}</td>
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
      {log.hasMore ? <button type="button" class="secondary" onClick={log.more} disabled={log.loading}>{t('webhooks.older')}</button> : null}
    </section>
  );
}
