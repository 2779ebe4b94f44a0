import type { ParleyClient } from '../sdk/index.ts';
import { InboxPage } from '../app/src/chat/inbox.tsx';
import { OrderConversationView } from '../app/src/chat/conversation.tsx';
import { ClientProvider } from '../app/src/context.tsx';
import { NotificationBell } from '../app/src/notifications/bell.tsx';
import { ErrorNote } from '../app/src/ui.tsx';
import { match, useRoute } from './router.ts';

/** The web app's inbox; a conversation chosen in it opens beside the list, in the element. */
function RoutedInbox({ conversationId }: { conversationId: string | null }) {
  const path = useRoute();
  const open = match('/c/:id', path)?.id ?? conversationId ?? undefined;
  return <InboxPage conversationId={open} />;
}

/** What an element shows: one of the web app's views, given the element's client. */
export function ElementView({ view, client, conversationId }: { view: 'inbox' | 'conversation' | 'bell'; client: ParleyClient; conversationId: string | null }) {
  return (
    <ClientProvider client={client}>
      {view === 'inbox' ? (
        <RoutedInbox conversationId={conversationId} />
      ) : view === 'bell' ? (
        <NotificationBell />
      ) : conversationId ? (
        <OrderConversationView key={conversationId} conversationId={conversationId} />
      ) : null}
    </ClientProvider>
  );
}

export function ElementError({ error }: { error: unknown }) {
  return <ErrorNote error={error} />;
}
