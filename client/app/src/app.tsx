import { useEffect, useMemo, useState } from 'preact/hooks';
import { type ConnectionState, ParleyApiError, type ParleyClient } from '../../sdk/index.ts';
import { InboxPage } from './chat/inbox.tsx';
import { OrderLink } from './chat/order-link.tsx';
import { AskAboutProduct, StartConversation } from './chat/start-conversation.tsx';
import { ClientProvider } from './context.tsx';
import { NotificationBell } from './notifications/bell.tsx';
import { NotificationCenter } from './notifications/center.tsx';
import { PreferenceCenter } from './notifications/preferences.tsx';
import { match, navigate, useRoute } from './router.ts';
import { createClient, expiresAt, signOut, storedToken, takeTokenFromUrl } from './session.ts';
import { SignIn } from './sign-in.tsx';
import { lazyView } from './lazy.tsx';
import { Link } from './ui.tsx';

// The dashboards (and uPlot) are chunks of their own: most users never open them.
const SellerDashboard = lazyView(() => import('./dashboards/seller.tsx').then((m) => m.SellerDashboard));
const OperatorDashboard = lazyView(() => import('./dashboards/operator.tsx').then((m) => m.OperatorDashboard));
const SuppressionList = lazyView(() => import('./dashboards/suppressions.tsx').then((m) => m.SuppressionList));
const KpiDashboard = lazyView(() => import('./dashboards/kpis.tsx').then((m) => m.KpiDashboard));
const ModerationQueue = lazyView(() => import('./dashboards/moderation.tsx').then((m) => m.ModerationQueue));
const WebhooksPage = lazyView(() => import('./dashboards/webhooks.tsx').then((m) => m.WebhooksPage));

takeTokenFromUrl();

const sessionEnded = 'Your session has ended. Sign in again to go on.';

export function App() {
  const [token, setToken] = useState(storedToken);
  const [notice, setNotice] = useState<string | null>(null);
  const client = useMemo(() => (token ? createClient(token) : null), [token]);
  const end = (why: string | null) => {
    client?.close();
    signOut();
    setNotice(why);
    setToken(null);
  };

  // The app holds the token it was given and cannot renew it: when it expires, or Parley
  // refuses it, the user signs in again (a marketplace hands over a fresh one).
  useEffect(() => {
    if (!client || !token) return;
    const expires = expiresAt(token);
    const timer = expires === null ? undefined : setTimeout(() => end(sessionEnded), Math.min(Math.max(expires - Date.now(), 0), 2 ** 31 - 1));
    const off = client.on('connection', (e) => {
      if (e.state === 'closed' && e.error instanceof ParleyApiError && e.error.status === 401) end(sessionEnded);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [client, token]);

  if (!client) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(t) => {
          setNotice(null);
          setToken(t);
          navigate('/', { replace: true });
        }}
      />
    );
  }
  return (
    <ClientProvider client={client}>
      <Shell client={client} onSignOut={() => end(null)} />
    </ClientProvider>
  );
}

interface NavItem {
  href: string;
  label: string;
}

function navFor(role: string): NavItem[] {
  const items: NavItem[] = [];
  if (role !== 'operator') items.push({ href: '/', label: 'Inbox' });
  if (role === 'seller') items.push({ href: '/seller', label: 'Dashboard' });
  if (role === 'moderator' || role === 'operator') items.push({ href: '/moderation', label: 'Moderation' });
  if (role === 'operator') items.push({ href: '/operator', label: 'Delivery' }, { href: '/kpis', label: 'KPIs' }, { href: '/conversations', label: 'Conversations' }, { href: '/suppressions', label: 'Suppressions' });
  if (role === 'seller' || role === 'operator') items.push({ href: '/webhooks', label: 'Webhooks' });
  items.push({ href: '/preferences', label: 'Preferences' });
  return items;
}

function Shell({ client, onSignOut }: { client: ParleyClient; onSignOut: () => void }) {
  const path = useRoute();
  const [connection, setConnection] = useState<ConnectionState>(client.state);
  useEffect(() => {
    const off = client.on('connection', (e) => setConnection(e.state));
    client.connect().catch(() => setConnection(client.state));
    return () => {
      off();
      client.close();
    };
  }, [client]);

  const user = client.user;
  const nav = navFor(user.role);
  // A conversation belongs to the inbox (an operator's: to all conversations).
  const section = (href: string) =>
    href === '/' || href === '/conversations' ? path === href || (path.startsWith('/c/') && nav.some((i) => i.href === href)) : path.startsWith(href);

  return (
    <div class="shell">
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="topbar">
        <Link href={user.role === 'operator' ? '/operator' : '/'} class="brand">Parley</Link>
        <nav aria-label="Main">
          <ul>
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={section(item.href) ? 'page' : undefined}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="topbar-end">
          <NotificationBell />
          <span class="who" title={user.userId}>
            {user.name ?? user.userId} <span class="role">{user.role}</span>
          </span>
          <button type="button" class="link-button" onClick={onSignOut}>Sign out</button>
        </div>
      </header>
      {connection === 'reconnecting' || connection === 'closed' ? (
        <p class="connection-banner" role="status">
          {connection === 'reconnecting' ? 'Connection lost; reconnecting…' : 'Not connected; live updates are paused.'}
        </p>
      ) : null}
      <main id="main" tabIndex={-1}>
        <Route path={path} role={user.role} />
      </main>
    </div>
  );
}

function Route({ path, role }: { path: string; role: string }) {
  let params: Record<string, string> | null;
  if (path === '/' || path === '/sign-in') return role === 'operator' ? <OperatorDashboard /> : <InboxPage />;
  if ((params = match('/c/:id', path))) return <InboxPage conversationId={params.id} />;
  if ((params = match('/orders/:orderId', path))) return <OrderLink orderId={params.orderId!} />;
  if (path === '/conversations' && role === 'operator') return <InboxPage />;
  if (path === '/start' && role === 'operator') return <StartConversation />;
  if (path === '/ask' && role === 'buyer') return <AskAboutProduct />;
  if (path === '/notifications') return <NotificationCenter />;
  if (path === '/preferences') return <PreferenceCenter />;
  if (path === '/seller') return <SellerDashboard />;
  if (path === '/operator') return <OperatorDashboard />;
  if (path === '/suppressions') return <SuppressionList />;
  if (path === '/kpis') return <KpiDashboard />;
  if (path === '/moderation') return <ModerationQueue />;
  if (path === '/webhooks') return <WebhooksPage />;
  return (
    <section class="page">
      <h1>Not found</h1>
      <p>
        There is nothing at this address. <Link href="/">Go to the inbox</Link>.
      </p>
    </section>
  );
}
