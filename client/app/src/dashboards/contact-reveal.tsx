import { useEffect, useState } from 'preact/hooks';
import { useAsync, useClient } from '../context.tsx';
import { ErrorNote, Loading } from '../ui.tsx';

/** The order statuses of src/marketplace/orders/order-state.ts, in lifecycle order. */
const orderStatuses = [
  { value: 'placed', label: 'Placed' },
  { value: 'paid', label: 'Paid' },
  { value: 'shipped', label: 'Shipped' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'disputed', label: 'Disputed' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'refunded', label: 'Refunded' },
];

const fulfilments = [
  { value: '', label: 'Any fulfilment' },
  { value: 'local_pickup', label: 'Local pickup only' },
  { value: 'delivery', label: 'Delivery only' },
];

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
      setSaid(saved.orderStatuses.length ? 'Saved. Contact details show once an order is in a chosen status.' : 'Saved. Contact details stay masked in every order.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const toggle = (status: string, on: boolean) => setChosen((now) => (on ? [...now.filter((s) => s !== status), status] : now.filter((s) => s !== status)));

  return (
    <section class="dash-section" aria-labelledby="reveal-title">
      <h2 id="reveal-title">When contact details are shown</h2>
      <p class="muted">Phone numbers, email addresses and outside links are masked for buyers and sellers until their order reaches a status you choose here. None chosen: always masked.</p>
      <ErrorNote error={rule.error ?? error} />
      {!rule.data && rule.loading ? (
        <Loading what="Loading the rule" />
      ) : (
        <form class="card" onSubmit={save} aria-label="When contact details are shown">
          <fieldset>
            <legend>Show contact details when the order is</legend>
            {orderStatuses.map((s) => (
              <label key={s.value} class="inline">
                <input type="checkbox" name="orderStatuses" value={s.value} checked={chosen.includes(s.value)} onChange={(e) => toggle(s.value, e.currentTarget.checked)} />
                {s.label}
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label for="reveal-fulfilment">For</label>
            <select id="reveal-fulfilment" value={fulfilment} onChange={(e) => setFulfilment(e.currentTarget.value)}>
              {fulfilments.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save the rule'}
          </button>
          <p class="ok" role="status">
            {said}
          </p>
        </form>
      )}
    </section>
  );
}
