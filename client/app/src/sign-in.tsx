import { useEffect, useState } from 'preact/hooks';
import { decodeUser } from '../../sdk/index.ts';
import { saveToken } from './session.ts';
import { ErrorNote } from './ui.tsx';
import { t, useLocale } from './i18n.ts';
import { LanguagePicker } from './language-picker.tsx';

interface DemoUser {
  userId: string;
  name: string;
  role: string;
  description: string;
}

/**
 * Signing in: in demo mode, pick one of the demo users; otherwise paste a token the
 * marketplace issued (a marketplace normally hands it over as /app/#token=…).
 */
export function SignIn({ onSignedIn, notice }: { onSignedIn: (token: string) => void; notice?: string | null }) {
  useLocale();
  const [demoUsers, setDemoUsers] = useState<DemoUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState('');

  useEffect(() => {
    const load = async () => {
      const settings = await (await fetch('/app/settings.json')).json();
      if (!settings.demo) return [];
      return ((await (await fetch('/demo/users')).json()).users ?? []) as DemoUser[];
    };
    load().then(setDemoUsers, () => setDemoUsers([]));
  }, []);

  const use = (value: string) => {
    try {
      decodeUser(value);
    } catch {
      setError(t('signIn.notAToken'));
      return;
    }
    saveToken(value);
    onSignedIn(value);
  };

  const pick = async (userId: string) => {
    setError(null);
    const response = await fetch('/demo/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
    const body = await response.json().catch(() => null);
    if (!response.ok) return setError(body?.error?.message ?? t('signIn.failed'));
    use(body.token);
  };

  return (
    <main class="sign-in" id="main">
      <h1>Parley</h1>
      <LanguagePicker />
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {demoUsers && demoUsers.length > 0 ? (
        <section aria-labelledby="demo-heading">
          <h2 id="demo-heading">{t('signIn.demoHeading')}</h2>
          <ul class="demo-users">
            {demoUsers.map((u) => (
              <li key={u.userId}>
                <button type="button" class="demo-user" onClick={() => pick(u.userId)}>
                  <strong>{u.name}</strong> <span class="role">{t(`roles.${u.role}`)}</span>
                  <span class="muted">{u.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="token-heading">
        <h2 id="token-heading">{demoUsers && demoUsers.length > 0 ? t('signIn.orToken') : t('signIn.title')}</h2>
        <p class="muted">{t('signIn.explain')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            use(token.trim());
          }}
        >
          <label for="token">{t('signIn.token')}</label>
          <textarea id="token" rows={3} value={token} onInput={(e) => setToken(e.currentTarget.value)} required />
          <button type="submit">{t('signIn.submit')}</button>
        </form>
      </section>
      {error ? <ErrorNote error={error} /> : null}
    </main>
  );
}
