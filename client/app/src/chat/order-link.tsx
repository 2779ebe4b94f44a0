import { useEffect, useMemo, useState } from 'preact/hooks';
import { useClient } from '../context.tsx';
import { navigate } from '../router.ts';
import { ErrorNote, Link, Loading } from '../ui.tsx';
import { t } from '../i18n.ts';
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
      <h1>{t('chat.orderTitle', { orderId })}</h1>
      {missing ? (
        <p>
          {t('orderLink.missing')} <Link href="/">{t('app.toInbox')}</Link>.
        </p>
      ) : error ? (
        <ErrorNote error={error} />
      ) : (
        <Loading what={t('orderLink.opening')} />
      )}
    </section>
  );
}
