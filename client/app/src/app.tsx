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
import { chooseLocale, pickedLocale, setLocale, t, useLocale } from './i18n.ts';
import { LanguagePicker } from './language-picker.tsx';

// The dashboards (and uPlot) are chunks of their own: most users never open them.
const SellerDashboard = lazyView(() => import('./dashboards/seller.tsx').then((m) => m.SellerDashboard));
const OperatorDashboard = lazyView(() => import('./dashboards/operator.tsx').then((m) => m.OperatorDashboard));
const SuppressionList = lazyView(() => import('./dashboards/suppressions.tsx').then((m) => m.SuppressionList));
const KpiDashboard = lazyView(() => import('./dashboards/kpis.tsx').then((m) => m.KpiDashboard));
const ModerationQueue = lazyView(() => import('./dashboards/moderation.tsx').then((m) => m.ModerationQueue));
const WebhooksPage = lazyView(() => import('./dashboards/webhooks.tsx').then((m) => m.WebhooksPage));
// Bulk messaging: each view a chunk of its own (the composer brings the template engine).
const CampaignsPage = lazyView(() => import('./campaigns/campaign-list.tsx').then((m) => m.CampaignsPage));
const CampaignPage = lazyView(() => import('./campaigns/campaign-detail.tsx').then((m) => m.CampaignPage));
const ComposerPage = lazyView(() => import('./campaigns/campaign-composer.tsx').then((m) => m.ComposerPage));
const CustomersView = lazyView(() => import('./campaigns/vendor-customers.tsx').then((m) => m.CustomersView));
const UsagePage = lazyView(() => import('./campaigns/vendor-usage.tsx').then((m) => m.UsagePage));
const TiersPage = lazyView(() => import('./campaigns/tier-catalogue.tsx').then((m) => m.TiersPage));

takeTokenFromUrl();

const sessionEnded = () => t('app.sessionEnded');

/**
 * The language to show: the one picked in this browser, else the token's locale claim, else
 * the user's contact record, else the browser's. One without a catalogue falls back (its base
 * language, else English), and the app says so.
 */
async function startLocale(client: ParleyClient | null): Promise<string | undefined> {
  const requested = pickedLocale() ?? client?.user.locale ?? (client ? await contactLocale(client) : undefined) ?? navigator.language;
  const choice = chooseLocale(requested);
  await setLocale(choice.locale);
  if (!choice.fellBack) return undefined;
  console.info(`Parley: no texts in "${choice.requested}"; showing ${choice.locale}.`);
  return choice.requested;
}

async function contactLocale(client: ParleyClient): Promise<string | undefined> {
  try {
    return (await client.request<{ locale?: string }>('GET', `/users/${encodeURIComponent(client.user.userId)}/contact`)).locale;
  } catch {
    return undefined;
  }
}

export function App() {
  useLocale();
  const [token, setToken] = useState(storedToken);
  const [missingLocale, setMissingLocale] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const client = useMemo(() => (token ? createClient(token) : null), [token]);
  useEffect(() => {
    startLocale(client).then(setMissingLocale, () => undefined);
  }, [client]);
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
    const timer = expires === null ? undefined : setTimeout(() => end(sessionEnded()), Math.min(Math.max(expires - Date.now(), 0), 2 ** 31 - 1));
    const off = client.on('connection', (e) => {
      if (e.state === 'closed' && e.error instanceof ParleyApiError && e.error.status === 401) end(sessionEnded());
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
      <Shell client={client} onSignOut={() => end(null)} missingLocale={missingLocale} />
    </ClientProvider>
  );
}

interface NavItem {
  href: string;
  label: string;
}

function navFor(role: string): NavItem[] {
  const items: NavItem[] = [];
  if (role !== 'operator') items.push({ href: '/', label: t('nav.inbox') });
  if (role === 'seller') items.push({ href: '/seller', label: t('nav.dashboard') });
  if (role === 'seller' || role === 'operator') items.push({ href: '/campaigns', label: t('nav.campaigns') }, { href: '/customers', label: t('nav.customers') });
  if (role === 'seller') items.push({ href: '/usage', label: t('nav.usage') });
  if (role === 'moderator' || role === 'operator') items.push({ href: '/moderation', label: t('nav.moderation') });
  if (role === 'operator') {
    items.push({ href: '/operator', label: t('nav.delivery') }, { href: '/kpis', label: t('nav.kpis') }, { href: '/conversations', label: t('nav.conversations') }, { href: '/suppressions', label: t('nav.suppressions') }, { href: '/tiers', label: t('nav.tiers') });
  }
  if (role === 'seller' || role === 'operator') items.push({ href: '/webhooks', label: t('nav.webhooks') });
  items.push({ href: '/preferences', label: t('nav.preferences') });
  return items;
}

function Shell({ client, onSignOut, missingLocale }: { client: ParleyClient; onSignOut: () => void; missingLocale?: string }) {
  const locale = useLocale();
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
      <a class="skip-link" href="#main">{t('app.skip')}</a>
      <header class="topbar">
        <Link href={user.role === 'operator' ? '/operator' : '/'} class="brand">Parley</Link>
        <nav aria-label={t('app.mainNav')}>
          <ul>
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={section(item.href) ? 'page' : undefined}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="topbar-end">
          <LanguagePicker />
          <NotificationBell />
          <span class="who" title={user.userId}>
            {user.name ?? user.userId} <span class="role">{t(`roles.${user.role}`)}</span>
          </span>
          <button type="button" class="link-button" onClick={onSignOut}>{t('app.signOut')}</button>
        </div>
      </header>
      {connection === 'reconnecting' || connection === 'closed' ? (
        <p class="connection-banner" role="status">
          {connection === 'reconnecting' ? t('app.reconnecting') : t('app.notConnected')}
        </p>
      ) : null}
      {missingLocale ? (
        <p class="language-note" role="status" lang={locale}>
          {t('language.fellBack', { requested: missingLocale })}
        </p>
      ) : null}
      <main id="main" tabIndex={-1}>
        <Route key={locale} path={path} role={user.role} />
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
  if (path === '/campaigns') return <CampaignsPage />;
  if (path === '/campaigns/new') return <ComposerPage />;
  if ((params = match('/campaigns/:campaignId', path))) return <CampaignPage campaignId={params.campaignId!} />;
  if (path === '/customers') return <CustomersView />;
  if (path === '/usage') return <UsagePage />;
  if (path === '/tiers') return <TiersPage />;
  return (
    <section class="page">
      <h1>{t('app.notFound')}</h1>
      <p>
        {t('app.nothingHere')} <Link href="/">{t('app.toInbox')}</Link>.
      </p>
    </section>
  );
}
