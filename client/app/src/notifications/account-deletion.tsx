import { useState } from 'preact/hooks';
import type { ErasureRecord } from '../../../sdk/index.ts';
import { useClient } from '../context.tsx';
import { ErrorNote } from '../ui.tsx';

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
      <h2 id="account-deletion-title">Delete my account</h2>
      <p class="muted">
        Erase everything Parley holds about you: your messages become deleted messages in others' conversations, and your contact details, settings, devices, attachments and
        consents are removed. Orders and disputes stay for the other party without your name. This cannot be undone; download your data first if you want a copy.
      </p>
      <ErrorNote error={error} />
      {done ? (
        <p role="status" class="ok">
          Your account was erased. Reference {done.erasureId}.
        </p>
      ) : confirming ? (
        <div role="group" aria-labelledby="account-deletion-confirm" class="account-deletion-confirm">
          <p id="account-deletion-confirm">
            <strong>Delete your account and everything in it?</strong>
          </p>
          <button type="button" class="danger" disabled={busy} onClick={erase}>
            {busy ? 'Deleting…' : 'Yes, delete everything'}
          </button>{' '}
          <button type="button" class="secondary" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" class="secondary" onClick={() => setConfirming(true)}>
          Delete my account
        </button>
      )}
    </section>
  );
}
