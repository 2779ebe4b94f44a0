import { useState } from 'preact/hooks';
import type { ErasureRecord } from '../../../sdk/index.ts';
import { useClient } from '../context.tsx';
import { ErrorNote } from '../ui.tsx';
import { t } from '../i18n.ts';

/** "Delete my account": erases everything Parley holds about the signed-in person, after they confirm. */
export function AccountDeletion() {
  const client = useClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<ErasureRecord | null>(null);

  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await client.request<ErasureRecord>('DELETE', `/users/${encodeURIComponent(client.user.userId)}`));
      setConfirming(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="prefs-devices" aria-labelledby="account-deletion-title">
      <h2 id="account-deletion-title">{t('accountDeletion.title')}</h2>
      <p class="muted">{t('accountDeletion.intro')}</p>
      <ErrorNote error={error} />
      {done ? (
        <p role="status" class="ok">
          {t('accountDeletion.done', { erasureId: done.erasureId })}
        </p>
      ) : confirming ? (
        <div role="group" aria-labelledby="account-deletion-confirm" class="account-deletion-confirm">
          <p id="account-deletion-confirm">
            <strong>{t('accountDeletion.confirm')}</strong>
          </p>
          <button type="button" class="danger" disabled={busy} onClick={erase}>
            {busy ? t('accountDeletion.deleting') : t('accountDeletion.yes')}
          </button>{' '}
          <button type="button" class="secondary" disabled={busy} onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" class="secondary" onClick={() => setConfirming(true)}>
          {t('accountDeletion.title')}
        </button>
      )}
    </section>
  );
}
