import { useEffect, useState } from 'preact/hooks';
import type { VendorConsentsPage } from '../../../sdk/index.ts';
import { useClient } from '../context.tsx';
import { ErrorNote, Loading, formatTime } from '../ui.tsx';
import { t } from '../i18n.ts';

type Customer = VendorConsentsPage['customers'][number];

/** A seller's customers who agreed to their promotional messages, a page at a time. */
export function SellerConsents({ vendorId }: { vendorId: string }) {
  const client = useClient();
  const [customers, setCustomers] = useState<Customer[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const load = async (after: string | null, replace: boolean) => {
    setLoading(true);
    setError(null);
    try {
      const page = await client.request<VendorConsentsPage>('GET', `/vendors/${encodeURIComponent(vendorId)}/consents`, undefined, { limit: 50, cursor: after ?? undefined });
      setCustomers((before) => (replace ? page.customers : [...before, ...page.customers]));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load(null, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, vendorId]);

  return (
    <section class="card" aria-labelledby="seller-consents-title">
      <h2 id="seller-consents-title">{t('sellerConsents.title')}</h2>
      <p class="muted">{t('sellerConsents.intro')}</p>
      <ErrorNote error={error} />
      {!loading && customers.length === 0 && !error ? <p class="muted">{t('sellerConsents.none')}</p> : null}
      {customers.length ? (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sellerConsents.customer')}</th>
                <th scope="col">{t('sellerConsents.channel')}</th>
                <th scope="col">{t('sellerConsents.agreed')}</th>
                <th scope="col">{t('sellerConsents.where')}</th>
              </tr>
            </thead>
            <tbody>
              {customers.map((c) => (
                <tr key={`${c.userId} ${c.channel}`}>
                  <td>{c.name ?? c.userId}</td>
                  <td>{t(`consents.channel.${c.channel}`, { defaultValue: c.channel })}</td>
                  <td>
                    <time dateTime={c.grantedAt}>{formatTime(c.grantedAt)}</time>
                  </td>
                  <td>{c.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {loading ? <Loading what={t('sellerConsents.loading')} /> : null}
      {cursor && !loading ? (
        <button type="button" class="secondary" onClick={() => load(cursor, false)}>
          {t('sellerConsents.more')}
        </button>
      ) : null}
    </section>
  );
}
