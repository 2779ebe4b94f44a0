import { useState } from 'preact/hooks';
import { useClient } from '../context.tsx';
import { ErrorNote } from '../ui.tsx';
import { t } from '../i18n.ts';

/** Saves a Blob as a file with the browser's download. */
function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "Download my data": everything Parley holds about the signed-in user, as a JSON file. */
export function DataExport() {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const download = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const { blob, fileName } = await client.exportUserData(client.user.userId);
      save(blob, fileName);
      setDone(t('dataExport.saved', { fileName }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="prefs-devices" aria-labelledby="data-export-title">
      <h2 id="data-export-title">{t('dataExport.title')}</h2>
      <p class="muted">{t('dataExport.intro')}</p>
      <ErrorNote error={error} />
      <button type="button" class="secondary" disabled={busy} onClick={download}>
        {busy ? t('dataExport.preparing') : t('dataExport.download')}
      </button>
      {done ? (
        <p role="status" class="ok">
          {done}
        </p>
      ) : null}
    </section>
  );
}
