export function InboxPage({ conversationId }: { conversationId?: string }) {
  return <section class="page"><h1>InboxPage</h1></section>;
}
