import { useState } from 'preact/hooks';
import type { Customer, CustomersPage } from './campaign-types.ts';
import { CONSENT_CHANNELS } from './campaign-types.ts';
import { useClient } from '../context.tsx';
import { ErrorNote, Loading, Time } from '../ui.tsx';
import { t } from '../i18n.ts';
import { IdPicker, LoadError, NotForYourRole, usePaged } from '../dashboards/common.tsx';
import { channelLabel, count } from './campaign-labels.ts';
import './campaigns.css';

/** A vendor's customers and where each stands on the vendor's promotions, per channel. */
export function CustomersView() {
  const client = useClient();
  const role = client.user.role;
  if (role !== 'seller' && role !== 'operator') return <NotForYourRole title={t('customers.title')} what={t('customers.what')} />;
  return <Customers />;
}

function Customers() {
  const client = useClient();
  const operator = client.user.role === 'operator';
  const [vendorId, setVendorId] = useState(operator ? '' : client.user.userId);
  return (
    <section class="page dash" aria-labelledby="customers-title">
      <div class="dash-head">
        <div>
          <h1 id="customers-title">{t('customers.title')}</h1>
          <p class="muted">{t('customers.intro')}</p>
        </div>
      </div>
      {operator ? <IdPicker id="customers-vendor" label={t('customers.vendor')} button={t('campaigns.show')} onChange={setVendorId} /> : null}
      {vendorId ? <CustomerTable key={vendorId} vendorId={vendorId} /> : null}
    </section>
  );
}

function consentCell(value: boolean | undefined) {
  if (value === true) return <span class="pill ok">{t('customers.optedIn')}</span>;
  if (value === false) return <span class="pill danger">{t('customers.optedOut')}</span>;
  return <span class="muted">{t('customers.notAsked')}</span>;
}

function CustomerTable({ vendorId }: { vendorId: string }) {
  const client = useClient();
  const list = usePaged<Customer>(async (cursor) => {
    const page = await client.request<CustomersPage>('GET', `/vendors/${encodeURIComponent(vendorId)}/customers`, undefined, { limit: 50, cursor });
    return { items: page.customers, next: page.nextCursor };
  }, [client, vendorId]);
  if (list.error && list.items.length === 0 && !list.loading) return <LoadError error={list.error} title={t('customers.listTitle')} what={t('customers.what')} />;
  return (
    <section class="dash-section" aria-labelledby="customers-list-title">
      <h2 id="customers-list-title">{t('customers.listTitle')}</h2>
      <ErrorNote error={list.error} />
      {list.loading && list.items.length === 0 ? (
        <Loading what={t('customers.loading')} />
      ) : list.items.length === 0 ? (
        <p class="card">{t('customers.none')}</p>
      ) : (
        <div class="table-scroll card" tabIndex={0} role="region" aria-labelledby="customers-list-title">
          <table class="dash-table customers-table">
            <caption class="visually-hidden">{t('customers.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('customers.customer')}</th>
                <th scope="col" class="num">{t('customers.orders')}</th>
                <th scope="col" class="num">{t('customers.spend')}</th>
                <th scope="col">{t('customers.lastOrder')}</th>
                {CONSENT_CHANNELS.map((c) => (
                  <th scope="col" key={c}>{channelLabel(c)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.userId}>
                  <th scope="row">
                    {c.userId}
                    {c.source === 'import' ? <span class="muted"> · {t('customers.imported')}</span> : null}
                  </th>
                  <td class="num">{count(c.orderCount)}</td>
                  <td class="num">{c.currency ? new Intl.NumberFormat(undefined, { style: 'currency', currency: c.currency }).format(c.spend) : count(c.spend)}</td>
                  <td>{c.lastOrderAt ? <Time iso={c.lastOrderAt} /> : '–'}</td>
                  {CONSENT_CHANNELS.map((ch) => (
                    <td key={ch}>{consentCell(c.consents[ch])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasMore ? (
        <button type="button" class="secondary dash-more" onClick={list.more} disabled={list.loading}>
          {t('customers.more')}
        </button>
      ) : null}
    </section>
  );
}
