import { useEffect, useMemo, useState } from 'preact/hooks';
import { useClient } from '../context.tsx';
import { navigate } from '../router.ts';
import { ErrorNote, Link, Loading } from '../ui.tsx';
import { chatApi } from './api.ts';

/**
 * `/orders/:orderId`, where order notifications link: finds the order's conversation among the
 * user's own and opens it in its place (so Back returns to where the link was followed from).
 */
export function OrderLink({ orderId }: { orderId: string }) {
  const client = useClient();
  const api = useMemo(() => chatApi(client), [client]);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setMissing(false);
    setError(null);
    api.orderOf(orderId).then(
      (page) => {
        if (!live) return;
        const conversation = page.conversations[0];
        if (conversation) navigate(`/c/${conversation.conversationId}`, { replace: true });
        else setMissing(true);
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, orderId]);
  return (
    <section class="page">
      <h1>Order {orderId}</h1>
      {missing ? (
        <p>
          This order has no conversation you take part in. <Link href="/">Go to the inbox</Link>.
        </p>
      ) : error ? (
        <ErrorNote error={error} />
      ) : (
        <Loading what="Opening the order's conversation" />
      )}
    </section>
  );
}
