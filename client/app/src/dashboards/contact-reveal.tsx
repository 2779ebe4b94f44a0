import { useEffect, useState } from 'preact/hooks';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, Loading } from '../ui.tsx';
import { t } from '../i18n.ts';

/** The order statuses of src/marketplace/orders/order-state.ts, in lifecycle order. */
const orderStatuses = ['placed', 'paid', 'shipped', 'delivered', 'disputed', 'cancelled', 'refunded'];

/** '' is any fulfilment. */
const fulfilments = ['', 'local_pickup', 'delivery'];

/**
 * The operator's rule for when buyers and sellers see each other's contact details in an order's
 * conversation: masked until the order reaches one of the chosen statuses. Messages are stored
 * once; what each person sees follows the order.
 */
export function ContactRevealSettings() {
  const client = useClient();
  const rule = useAsync(() => client.getContactRevealRule(), [client]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [fulfilment, setFulfilment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [said, setSaid] = useState('');

  useEffect(() => {
    if (!rule.data) return;
    setChosen(rule.data.orderStatuses);
    setFulfilment(rule.data.fulfilment ?? '');
  }, [rule.data]);

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaid('');
    try {
      const saved = await client.setContactRevealRule({ orderStatuses: chosen, fulfilment: fulfilment || null });
      setChosen(saved.orderStatuses);
      setSaid(saved.orderStatuses.length ? t('reveal.savedShown') : t('reveal.savedMasked'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const toggle = (status: string, on: boolean) => setChosen((now) => (on ? [...now.filter((s) => s !== status), status] : now.filter((s) => s !== status)));

  return (
    <section class="dash-section" aria-labelledby="reveal-title">
      <h2 id="reveal-title">{t('reveal.title')}</h2>
      <p class="muted">{t('reveal.intro')}</p>
      <ErrorNote error={rule.error ?? error} />
      {!rule.data && rule.loading ? (
        <Loading what={t('reveal.loading')} />
      ) : (
        <form class="card" onSubmit={save} aria-label={t('reveal.title')}>
          <fieldset>
            <legend>{t('reveal.legend')}</legend>
            {orderStatuses.map((s) => (
              <label key={s} class="inline">
                <input type="checkbox" name="orderStatuses" value={s} checked={chosen.includes(s)} onChange={(e) => toggle(s, e.currentTarget.checked)} />
                {t(`orderStatus.${s}`)}
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label for="reveal-fulfilment">{t('reveal.for')}</label>
            <select id="reveal-fulfilment" value={fulfilment} onChange={(e) => setFulfilment(e.currentTarget.value)}>
              {fulfilments.map((f) => (
                <option key={f} value={f}>
                  {t(`reveal.fulfilment.${f || 'any'}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={busy}>
            {busy ? t('reveal.saving') : t('reveal.save')}
          </button>
          <p class="ok" role="status">
            {said}
          </p>
        </form>
      )}
    </section>
  );
}
