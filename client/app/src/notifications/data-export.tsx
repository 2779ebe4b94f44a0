import { useState } from 'preact/hooks';
import { useClient } from '../context.tsx';
import { ErrorNote } from '../ui.tsx';

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
      setDone(`Saved ${fileName}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="prefs-devices" aria-labelledby="data-export-title">
      <h2 id="data-export-title">Your data</h2>
      <p class="muted">Download everything Parley holds about you as one JSON file: your conversations and messages, the notifications sent to you, and these settings.</p>
      <ErrorNote error={error} />
      <button type="button" class="secondary" disabled={busy} onClick={download}>
        {busy ? 'Preparing your file…' : 'Download my data'}
      </button>
      {done ? (
        <p role="status" class="ok">
          {done}
        </p>
      ) : null}
    </section>
  );
}
